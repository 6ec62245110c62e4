using Broker.Contracts.Capacity;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>The platform team's capacity report: every pool, per dimension, now and where it is heading.</summary>
public sealed record CapacityReport(
    DateTimeOffset At,
    DateOnly Today,
    string WhenFull,
    double HeadroomAlertRatio,
    int ForecastDays,
    IReadOnlyList<PoolReport> Pools,
    IReadOnlyList<QueuedOrderView> Queue);

/// <param name="Simulated">The pool feeds the simulated machine room: its hosts and placements exist only in the broker.</param>
public sealed record PoolReport(string Name, IReadOnlyList<string> Zones, string Backend, bool Simulated, string Source, IReadOnlyList<DimensionReport> Dimensions);

/// <summary>
/// One dimension of one pool. <see cref="RunsOutOn"/>: the day allocation, growing at its fitted daily rate from
/// <see cref="Allocated"/> plus the whole <see cref="Pipeline"/>, reaches <see cref="Allocatable"/>; null when it does not.
/// </summary>
public sealed record DimensionReport(
    string Dimension,
    long Physical,
    double Overcommit,
    long Allocatable,
    long Allocated,
    long Reserved,
    long Free,
    double HeadroomRatio,
    bool HeadroomLow,
    PipelineReport Pipeline,
    int HistoryDays,
    DateOnly? RunsOutOn);

/// <summary>
/// What is promised but not yet allocated: holds of resources not yet built (approved or waiting for approval), orders
/// waiting for capacity, and the unused part of approved system envelopes in the zones the pool serves (shared evenly
/// among the pools serving the zone, rounded up).
/// </summary>
public sealed record PipelineReport(long Reserved, long Queued, long Envelopes)
{
    public long Total => Reserved + Queued + Envelopes;
}

/// <summary>Sum of department quota limits against what the pools can sell.</summary>
public sealed record OverbookingReport(DateTimeOffset At, bool Overbooked, IReadOnlyList<DimensionOverbooking> Dimensions);

/// <param name="Ratio">Quota limits over allocatable; null when nothing of the dimension can be sold.</param>
public sealed record DimensionOverbooking(string Dimension, long QuotaLimits, long Allocatable, double? Ratio, bool Overbooked);

/// <summary>How many more units of a plan fit, per pool (free capacity now) and in total.</summary>
public sealed record PlanFitReport(string PlanCode, int PlanVersion, QuotaVector PerUnit, string Backend, string? Zone, long Total, IReadOnlyList<PoolFit> Pools);

public sealed record PoolFit(string Pool, IReadOnlyList<string> Zones, long Fits);
