namespace Broker.Contracts.Orders;

/// <summary>
/// The one order sweeper of the cluster (key 0). On a reminder every <c>Broker:Approval:CheckEvery</c> it wakes every
/// order whose row is not settled (a crash between its state write and its hand-off to resources, pending approval,
/// waiting for capacity, or stored by an earlier version) so that orders need no reminder of their own once decided.
/// </summary>
[Alias("broker.IOrderSweeperGrain")]
public interface IOrderSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or updates) the sweep reminder; called at every silo start.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>Reconciles every unsettled order last written before a short grace period; answers how many it woke.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();

    /// <summary>At silo start: reconciles every decided, unsettled order at once (no grace period); answers how many it woke.</summary>
    [Alias("Resume")]
    Task<int> ResumeAsync();
}
