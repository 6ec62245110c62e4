namespace Broker.Silo.Sla;

/// <summary>
/// A department's monthly SLA report: every measured resource with its target, attainment, outages and credit, the
/// credit adjustments the month's statement carries for earlier months, and the totals. <see cref="StatementState"/>
/// and <see cref="AsOf"/> are those of the statement the credits were read from (an open month still moves).
/// </summary>
public sealed record SlaReport(
    string Department,
    string Period,
    string StatementState,
    DateTimeOffset? AsOf,
    IReadOnlyList<SlaReportResource> Resources,
    IReadOnlyList<SlaCreditAdjustment> CreditAdjustments,
    SlaReportTotals Totals);

/// <summary>One resource's month: its measured figures (see <see cref="ResourceAttainment"/>) and its credit on this month's statement (0 or negative).</summary>
public sealed record SlaReportResource(
    string SystemId,
    string ResourceId,
    string PlanCode,
    string TierCode,
    decimal TargetPercent,
    long ServiceMinutes,
    long DownMinutes,
    decimal AttainedPercent,
    bool Met,
    IReadOnlyList<OutageSpan> Outages,
    decimal CreditCny);

/// <summary>A credit for an earlier (closed) month that this month's statement carries, because its outage was recorded after the close.</summary>
public sealed record SlaCreditAdjustment(string SystemId, string? ResourceId, string OriginalPeriod, decimal AmountCny, string? Note);

public sealed record SlaReportTotals(int Resources, int Missed, long ServiceMinutes, long DownMinutes, int Outages, decimal CreditCny);
