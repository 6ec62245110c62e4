namespace Broker.Provisioners.Contract;

/// <summary>
/// Turns desired resources into real ones. Every method is idempotent by resource id: re-applying the same desired
/// state changes nothing, deleting twice is harmless, and a caller that crashed can call again with the same id.
/// Implementations: the simulated machine room (demos, tests, what-if planning), Kubernetes (KubeVirt VMs and
/// CloudNativePG clusters), and the shared PostgreSQL server.
/// </summary>
public interface IProvisioner
{
    /// <summary>A short stable name (<c>simulated</c>, <c>kubernetes</c>, <c>shared-postgres</c>), shown to users.</summary>
    string Name { get; }

    /// <summary>True when nothing real is created; the API and UI label such resources as simulated.</summary>
    bool IsSimulated { get; }

    /// <summary>Creates or converges the resource towards <paramref name="desired"/>; returns what is observed right after.</summary>
    Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default);

    /// <summary>The resource's current state, <see cref="ObservedPhase.Absent"/> if the backend has nothing for the id.</summary>
    Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default);

    /// <summary>Starts deletion; <see cref="ObservedPhase.Absent"/> once everything carrying the resource's id is gone.</summary>
    Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default);
}
