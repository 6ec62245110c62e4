using System.Globalization;
using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>
/// The report's tables as text rows, shared by the CSV and the XLSX so both say the same: one row per resource, then one
/// per credit adjustment for an earlier month, then the total; and one row per outage.
/// </summary>
public static class SlaReportRows
{
    public static IEnumerable<string[]> Resources(SlaReport report, SlaReportHeadings h)
    {
        var asOf = report.AsOf is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "";
        foreach (var r in report.Resources)
        {
            var spans = string.Join("; ", r.Outages.Select(o =>
                $"{SlaReportHeadings.Time(o.Start)}/{SlaReportHeadings.Time(o.End)} ({o.CountedMinutes.ToString(CultureInfo.InvariantCulture)} {h.MinutesWord})"));
            yield return
            [
                h.ResourceRow, report.Department, report.Period, r.SystemId, r.ResourceId, r.PlanCode, r.TierCode, SlaReportHeadings.Number(r.TargetPercent),
                r.ServiceMinutes.ToString(CultureInfo.InvariantCulture), r.DownMinutes.ToString(CultureInfo.InvariantCulture), SlaReportHeadings.Number(r.AttainedPercent),
                r.Met ? h.Yes : h.No, r.Outages.Count.ToString(CultureInfo.InvariantCulture), spans, "", Money(r.CreditCny), report.StatementState, asOf,
            ];
        }

        foreach (var a in report.CreditAdjustments)
        {
            yield return [h.AdjustmentRow, report.Department, report.Period, a.SystemId, a.ResourceId ?? "", "", "", "", "", "", "", "", "", a.Note ?? "", a.OriginalPeriod, Money(a.AmountCny), report.StatementState, asOf];
        }

        var t = report.Totals;
        yield return
        [
            h.Total, report.Department, report.Period, "", t.Resources.ToString(CultureInfo.InvariantCulture), "", "", "", t.ServiceMinutes.ToString(CultureInfo.InvariantCulture),
            t.DownMinutes.ToString(CultureInfo.InvariantCulture), "", $"{h.No}: {t.Missed.ToString(CultureInfo.InvariantCulture)}", t.Outages.ToString(CultureInfo.InvariantCulture),
            "", "", Money(t.CreditCny), report.StatementState, asOf,
        ];
    }

    public static IEnumerable<string[]> Outages(SlaReport report, SlaReportHeadings h) =>
        from r in report.Resources
        from o in r.Outages
        select new[]
        {
            report.Department, report.Period, r.SystemId, r.ResourceId, SlaReportHeadings.Time(o.Start), SlaReportHeadings.Time(o.End),
            o.CountedMinutes.ToString(CultureInfo.InvariantCulture), o.Source, o.Planned ? h.Yes : h.No, o.IncidentId ?? "", o.Description ?? "",
        };

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
