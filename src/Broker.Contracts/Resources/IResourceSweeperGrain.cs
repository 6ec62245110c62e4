namespace Broker.Contracts.Resources;

/// <summary>
/// The one safety net for resource work, key <see cref="Key"/>: a single Orleans reminder wakes it every
/// reconcile period, and each sweep reconciles the resources that need a visit (converging, or a lease moment due).
/// While a resource grain is active its own timer does the observing; the sweep only matters when nothing else would
/// wake the resource (a crash, a deactivation, a lease coming due on an idle resource).
/// </summary>
[Alias("broker.IResourceSweeperGrain")]
public interface IResourceSweeperGrain : IGrainWithStringKey
{
    /// <summary>The one key: a single sweeper (and so a single reminder row) for the whole service.</summary>
    public const string Key = "all";

    /// <summary>
    /// Reconciles, a bounded number at a time, every resource the directory lists as converging or with a lease
    /// warning, stop or deletion due; then has every department square its system-owned quota reservations with its
    /// live resources (the quota pass). Failures are logged and counted, never thrown.
    /// </summary>
    [Alias("Sweep")]
    Task<ResourceSweep> SweepAsync();
}
