namespace Broker.Silo.Sla;

/// <summary>
/// The attainment of a group of resources (a system, a department, a tier, the platform) over a period: their minutes
/// summed, so a big resource down weighs more than a small one, and how many of them met their own tier's target.
/// <see cref="TargetPercent"/> is set for a tier only (a group of mixed tiers has no one target).
/// </summary>
public sealed record AttainmentFigure(
    string Scope,
    string Key,
    string? DepartmentId,
    int Resources,
    int ResourcesMet,
    long ServiceMinutes,
    long DownMinutes,
    decimal AttainedPercent,
    decimal? TargetPercent,
    int Outages);
