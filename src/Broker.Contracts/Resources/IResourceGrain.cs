using Broker.Contracts.Common;

namespace Broker.Contracts.Resources;

/// <summary>
/// One VM or database, keyed by its resource id. Holds the lifecycle state machine and drives the provisioner until
/// the backend agrees with the desired state. Every transition is appended to the resource's event journal (which is
/// also the outbox metering reads) together with an audit row, before the call returns. Illegal transitions are a
/// Conflict naming the current state.
/// </summary>
[Alias("broker.IResourceGrain")]
public interface IResourceGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ResourceView?> GetAsync();

    /// <summary>Brings the resource into being; calling again with the same creation answers the same.</summary>
    [Alias("Create")]
    Task<ResourceResult> CreateAsync(ResourceCreation creation, Actor actor);

    [Alias("Approve")]
    Task<ResourceResult> ApproveAsync(Actor actor);

    /// <summary>Ends a resource whose order was rejected or cancelled before provisioning: its quota is released.</summary>
    [Alias("Cancel")]
    Task<ResourceResult> CancelAsync(string reason, Actor actor);

    /// <summary>Changes the plan (same kind); growth is reserved before it is applied, shrinkage released once applied.</summary>
    [Alias("Resize")]
    Task<ResourceResult> ResizeAsync(ResourceSpec spec, Actor actor);

    [Alias("Stop")]
    Task<ResourceResult> StopAsync(Actor actor);

    [Alias("Start")]
    Task<ResourceResult> StartAsync(Actor actor);

    /// <summary>Deletes it; the quota is released once the backend confirms that everything is gone.</summary>
    [Alias("Delete")]
    Task<ResourceResult> DeleteAsync(Actor actor);

    /// <summary>From failed: provisions again.</summary>
    [Alias("Retry")]
    Task<ResourceResult> RetryAsync(Actor actor);

    /// <summary>
    /// Moves the lease end, kept in UTC; refused (<c>leaseEnd</c>) in the past or beyond the configured horizon. Null
    /// removes the lease: the API sends it only for an explicit <c>DELETE …/lease</c>.
    /// </summary>
    [Alias("ExtendLease")]
    Task<ResourceResult> ExtendLeaseAsync(DateTimeOffset? leaseEnd, Actor actor);

    /// <summary>
    /// Issues database credentials: a new password each call. The first issue is for the requester; later ones are
    /// resets, allowed only when <paramref name="mayReset"/> (the caller is the department's admin).
    /// </summary>
    [Alias("IssueDatabaseAccess")]
    Task<DatabaseAccessResult> IssueDatabaseAccessAsync(Actor actor, bool mayReset);

    /// <summary>Compares desired with observed and acts: called by a timer while active, the resource sweeper (so restarts resume work and leases are enforced) and operators.</summary>
    [Alias("Reconcile")]
    Task<ResourceView?> ReconcileAsync();
}
