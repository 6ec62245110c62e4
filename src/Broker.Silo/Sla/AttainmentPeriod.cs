using System.Globalization;
using System.Text.RegularExpressions;
using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// The period of an attainment figure: a month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>) or a year (<c>2026</c>), in
/// Asia/Shanghai months. Quarters and years are made of their months' figures, never measured again.
/// </summary>
public sealed partial record AttainmentPeriod(string Text, string Kind, BillingMonth First, BillingMonth Last)
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";

    public IEnumerable<BillingMonth> Months => BillingMonth.Range(First, Last);

    public static bool TryParse(string? text, out AttainmentPeriod period)
    {
        period = null!;
        if (text is null)
        {
            return false;
        }

        if (BillingMonth.TryParse(text, out var month))
        {
            period = new AttainmentPeriod(text, Month, month, month);
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2200)
        {
            return false;
        }

        if (match.Groups["quarter"].Success)
        {
            var first = new BillingMonth(year, ((match.Groups["quarter"].Value[0] - '1') * 3) + 1);
            period = new AttainmentPeriod(text, Quarter, first, first.AddMonths(2));
        }
        else
        {
            period = new AttainmentPeriod(text, Year, new BillingMonth(year, 1), new BillingMonth(year, 12));
        }

        return true;
    }

    [GeneratedRegex("^(?<year>[0-9]{4})(-Q(?<quarter>[1-4]))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
