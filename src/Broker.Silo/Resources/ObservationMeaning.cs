using Broker.Contracts.Resources;
using Broker.Provisioners.Contract;

namespace Broker.Silo.Resources;

/// <summary>What the backend's answer means for the resource: the event to record, or null when it changes nothing.</summary>
public static class ObservationMeaning
{
    public const string BackendFailure = "the backend reported a failure";

    /// <summary>After an apply or a read: ready, stopped or failed, each only where the resource was waiting for it.</summary>
    public static ResourceEvent? Of(ResourceData data, ObservedResource observed, DateTimeOffset now) => observed.Phase switch
    {
        ObservedPhase.Ready when data.State is ResourceState.Provisioning or ResourceState.Updating && data.Running =>
            new ResourceBecameReady(now, observed.Outputs),
        ObservedPhase.Stopped when data.State == ResourceState.Updating && !data.Running => new ResourceBecameStopped(now),
        ObservedPhase.Failed when data.State is ResourceState.Provisioning or ResourceState.Updating =>
            new ResourceFailed(now, observed.Message ?? BackendFailure),
        _ => null,
    };

    /// <summary>After a delete: deleted once the backend has nothing left for the id; until then, nothing.</summary>
    public static ResourceEvent? OfDeletion(ObservedResource observed, DateTimeOffset now) =>
        observed.Phase == ObservedPhase.Absent ? new ResourceDeleted(now, "deleted") : null;

    /// <summary>A permanent provisioner error fails the resource only while it was building or changing.</summary>
    public static ResourceEvent? OfPermanentError(ResourceData data, string message, DateTimeOffset now) =>
        data.State is ResourceState.Provisioning or ResourceState.Updating ? new ResourceFailed(now, message) : null;
}
