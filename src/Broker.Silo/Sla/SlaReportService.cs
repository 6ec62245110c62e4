using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// Builds the monthly SLA report from the two sources of its figures: measured attainment (<see cref="IAttainmentSource"/>)
/// and the department's statement for the month, whose <c>sla-credit</c> lines are the credits (so the report and the
/// bill can never disagree).
/// </summary>
public sealed class SlaReportService(IAttainmentSource attainment, IStatementEngine statements)
{
    public async Task<SlaReport> BuildAsync(string department, BillingMonth month, CancellationToken cancellationToken = default)
    {
        var measured = await attainment.ForMonthAsync(month, department, cancellationToken);
        var statement = await statements.GetAsync(department, month.ToString(), cancellationToken);
        return Build(department, month, measured, statement);
    }

    public static SlaReport Build(string department, BillingMonth month, IReadOnlyList<ResourceAttainment> measured, Statement statement)
    {
        var credits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var adjustments = new List<SlaCreditAdjustment>();
        foreach (var line in statement.Lines)
        {
            if (line.Category == StatementCategories.SlaCredit && line.ResourceId is { } id)
            {
                credits[id] = credits.GetValueOrDefault(id) + line.Amount;
            }
            else if (line.Category == StatementCategories.Adjustment && line.Meter == CreditLines.Meter && line.OriginalPeriod is { } original)
            {
                adjustments.Add(new SlaCreditAdjustment(line.SystemId, line.ResourceId, original, line.Amount, line.Note));
            }
        }

        var resources = measured
            .Where(a => a.DepartmentId == department)
            .OrderBy(a => a.SystemId, StringComparer.Ordinal).ThenBy(a => a.ResourceId, StringComparer.Ordinal)
            .Select(a => new SlaReportResource(a.SystemId, a.ResourceId, a.PlanCode, a.TierCode, a.TargetPercent, a.ServiceMinutes, a.DownMinutes,
                a.AttainedPercent, a.Met, a.Outages.OrderBy(o => o.Start).ToList(), credits.GetValueOrDefault(a.ResourceId)))
            .ToList();
        var totals = new SlaReportTotals(
            resources.Count,
            resources.Count(r => !r.Met),
            resources.Sum(r => r.ServiceMinutes),
            resources.Sum(r => r.DownMinutes),
            resources.Sum(r => r.Outages.Count),
            credits.Values.Sum() + adjustments.Sum(a => a.AmountCny));
        return new SlaReport(department, month.ToString(), statement.State, statement.AsOf, resources, adjustments, totals);
    }
}
