using System.Globalization;
using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>
/// The report's tables as rows of typed cells, shared by the CSV and the XLSX so both say the same: one row per resource,
/// then one per credit adjustment for an earlier month, then the total; and one row per outage. A cell is text
/// (<see cref="string"/>), a count (<see cref="long"/>), a figure (<see cref="decimal"/>) or money (<see cref="Cny"/>):
/// figures stay numbers in both files, so a negative credit is never mistaken for a formula and escaped as text.
/// </summary>
public static class SlaReportRows
{
    /// <summary>An amount in CNY: written with two decimals.</summary>
    public readonly record struct Cny(decimal Amount);

    public static IEnumerable<object[]> Resources(SlaReport report, SlaReportHeadings h)
    {
        var asOf = report.AsOf is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "";
        foreach (var r in report.Resources)
        {
            var spans = string.Join("; ", r.Outages.Select(o =>
                $"{SlaReportHeadings.Time(o.Start)}/{SlaReportHeadings.Time(o.End)} ({o.CountedMinutes.ToString(CultureInfo.InvariantCulture)} {h.MinutesWord})"));
            yield return
            [
                h.ResourceRow, report.Department, report.Period, r.SystemId, r.ResourceId, r.PlanCode, r.TierCode, r.TargetPercent,
                r.ServiceMinutes, r.DownMinutes, r.AttainedPercent, r.Met ? h.Yes : h.No, (long)r.Outages.Count, spans, "", new Cny(r.CreditCny),
                report.StatementState, asOf,
            ];
        }

        foreach (var a in report.CreditAdjustments)
        {
            yield return [h.AdjustmentRow, report.Department, report.Period, a.SystemId, a.ResourceId ?? "", "", "", "", "", "", "", "", "", a.Note ?? "", a.OriginalPeriod, new Cny(a.AmountCny), report.StatementState, asOf];
        }

        var t = report.Totals;
        yield return
        [
            h.Total, report.Department, report.Period, "", (long)t.Resources, "", "", "", t.ServiceMinutes, t.DownMinutes, "",
            $"{h.No}: {t.Missed.ToString(CultureInfo.InvariantCulture)}", (long)t.Outages, "", "", new Cny(t.CreditCny), report.StatementState, asOf,
        ];
    }

    public static IEnumerable<object[]> Outages(SlaReport report, SlaReportHeadings h) =>
        from r in report.Resources
        from o in r.Outages
        select new object[]
        {
            report.Department, report.Period, r.SystemId, r.ResourceId, SlaReportHeadings.Time(o.Start), SlaReportHeadings.Time(o.End),
            o.CountedMinutes, o.Source, o.Planned ? h.Yes : h.No, o.IncidentId ?? "", o.Description ?? "",
        };
}
