using System.Globalization;

namespace Broker.Silo.Chargeback;

/// <summary>
/// A calendar month in Asia/Shanghai time, the unit statements, budgets and savings are reckoned in. Its wire form is
/// <c>yyyy-MM</c>, the same as <see cref="Metering.Statement.Period"/>.
/// </summary>
public readonly record struct ChargebackMonth(int Year, int Month) : IComparable<ChargebackMonth>
{
    /// <summary>Shanghai has kept +08:00 without daylight saving since 1991, but the zone database says so, not us.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The first instant of the month (local midnight of the 1st).</summary>
    public DateTimeOffset Start => Local(Year, Month);

    /// <summary>The first instant after the month.</summary>
    public DateTimeOffset End => Next().Start;

    public ChargebackMonth Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    /// <summary>Months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<ChargebackMonth> Range(ChargebackMonth from, ChargebackMonth to)
    {
        for (var m = from; m.CompareTo(to) <= 0; m = m.Next())
        {
            yield return m;
        }
    }

    /// <summary>How many months <see cref="Range"/> yields.</summary>
    public static int Count(ChargebackMonth from, ChargebackMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    public static ChargebackMonth Containing(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return new(local.Year, local.Month);
    }

    /// <summary>Strictly <c>yyyy-MM</c> with a month 01 to 12 and a year 2000 to 2200; anything else is refused.</summary>
    public static bool TryParse(string? text, out ChargebackMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || year is < 2000 or > 2200 || m is < 1 or > 12)
        {
            return false;
        }

        month = new(year, m);
        return true;
    }

    public int CompareTo(ChargebackMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    private static DateTimeOffset Local(int year, int month)
    {
        var midnight = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }
}
