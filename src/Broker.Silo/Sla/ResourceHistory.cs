namespace Broker.Silo.Sla;

/// <summary>
/// What attainment knows of one resource: whose it is, its tier, where it runs (backend and pool, which incidents name),
/// its journal's transitions in order, and the probe's changes in order (including the last one before the period, which
/// says how the period began).
/// </summary>
public sealed record ResourceHistory(
    string ResourceId,
    string DepartmentId,
    string SystemId,
    string PlanCode,
    string TierCode,
    string Backend,
    string? Pool,
    IReadOnlyList<LifecycleStep> Steps,
    IReadOnlyList<AvailabilityChange> Observations);
