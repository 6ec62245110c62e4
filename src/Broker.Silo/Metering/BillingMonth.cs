using System.Globalization;
using System.Text.RegularExpressions;

namespace Broker.Silo.Metering;

/// <summary>
/// A calendar month in Asia/Shanghai time (<c>yyyy-MM</c>). China has kept UTC+8 without daylight saving since 1991,
/// so a fixed offset is exact for every month the broker bills and needs no time-zone data on the host.
/// </summary>
public readonly partial record struct BillingMonth(int Year, int Month) : IComparable<BillingMonth>
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The first instant of the month, as UTC (the only offset PostgreSQL's timestamptz parameters take).</summary>
    public DateTimeOffset Start => new DateTimeOffset(Year, Month, 1, 0, 0, 0, Offset).ToUniversalTime();

    public DateTimeOffset End => Next.Start;

    public long Ticks => (End - Start).Ticks;

    public BillingMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public BillingMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    public BillingMonth AddMonths(int months)
    {
        var index = (Year * 12) + Month - 1 + months;
        return new BillingMonth(index / 12, (index % 12) + 1);
    }

    /// <summary>Months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<BillingMonth> Range(BillingMonth from, BillingMonth to)
    {
        for (var m = from; m.CompareTo(to) <= 0; m = m.Next)
        {
            yield return m;
        }
    }

    /// <summary>How many months <see cref="Range"/> yields.</summary>
    public static int Count(BillingMonth from, BillingMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    public int CompareTo(BillingMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>Strictly <c>yyyy-MM</c> with a month 01 to 12 and a year 2000 to 2200; anything else is refused.</summary>
    public static bool TryParse(string? text, out BillingMonth month)
    {
        month = default;
        if (text is null || !Pattern().IsMatch(text))
        {
            return false;
        }

        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var m = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2200 || m is < 1 or > 12)
        {
            return false;
        }

        month = new BillingMonth(year, m);
        return true;
    }

    public static BillingMonth Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month (yyyy-MM).");

    /// <summary>The Shanghai month an instant falls in.</summary>
    public static BillingMonth Of(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new BillingMonth(local.Year, local.Month);
    }

    /// <summary>Midnight starting a Shanghai calendar day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.Year, day.Month, day.Day, 0, 0, 0, Offset).ToUniversalTime();

    /// <summary>The Shanghai calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
