using System.Globalization;
using System.Text.RegularExpressions;
using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// The period an assessment covers: a month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>) or a year (<c>2026</c>), in
/// Asia/Shanghai months. Quarters and years are made of their months, never measured on their own.
/// </summary>
public readonly partial record struct AssessmentPeriod(string Kind, int Year, int Number)
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Annual = "year";

    public BillingMonth First => Kind switch
    {
        Month => new BillingMonth(Year, Number),
        Quarter => new BillingMonth(Year, ((Number - 1) * 3) + 1),
        _ => new BillingMonth(Year, 1),
    };

    public BillingMonth Last => Kind switch
    {
        Month => First,
        Quarter => First.AddMonths(2),
        _ => new BillingMonth(Year, 12),
    };

    /// <summary>The period's months that have begun by <paramref name="current"/> (a quarter in progress is its months so far).</summary>
    public IReadOnlyList<BillingMonth> MonthsUpTo(BillingMonth current) =>
        BillingMonth.Range(First, Last).Where(m => m.CompareTo(current) <= 0).ToList();

    public override string ToString() => Kind switch
    {
        Month => First.ToString(),
        Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, out AssessmentPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }

        if (BillingMonth.TryParse(text, out var month))
        {
            period = new AssessmentPeriod(Month, month.Year, month.Month);
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2200)
        {
            return false;
        }

        period = match.Groups[2].Success
            ? new AssessmentPeriod(Quarter, year, match.Groups[2].ValueSpan[0] - '0')
            : new AssessmentPeriod(Annual, year, 0);
        return true;
    }

    [GeneratedRegex("^([0-9]{4})(?:-Q([1-4]))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
