using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Kubernetes;

/// <summary>What the host does with what <see cref="ResourceWatch"/> sees; the watch itself knows no grains.</summary>
public interface IResourceWatchSink
{
    /// <summary>
    /// The resources of <paramref name="kind"/> the broker holds live (id to department), read just before each list:
    /// one of them without an object in the list was deleted while nobody watched.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> LiveAsync(WorkloadKind kind, CancellationToken cancellationToken);

    /// <summary>A broker object drifted or went missing; should return quickly (queue the repair).</summary>
    ValueTask DriftedAsync(ResourceDrift drift, CancellationToken cancellationToken);

    /// <summary>The watch of <paramref name="kind"/> starts over: <c>resync</c>, <c>expired</c> (410) or <c>disconnected</c>.</summary>
    void Restarted(WorkloadKind kind, string reason);
}
