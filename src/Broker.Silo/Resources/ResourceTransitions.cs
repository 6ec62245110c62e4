using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>Which lifecycle operations each state allows; everything else is a 409 naming the current state.</summary>
public static class ResourceTransitions
{
    public static bool CanApprove(ResourceState s) => s == ResourceState.PendingApproval;

    public static bool CanCancel(ResourceState s) => s == ResourceState.PendingApproval;

    public static bool CanResize(ResourceState s) => s == ResourceState.Ready;

    public static bool CanStop(ResourceState s, ResourceKind kind) => kind == ResourceKind.Vm && s == ResourceState.Ready;

    public static bool CanStart(ResourceState s, ResourceKind kind) => kind == ResourceKind.Vm && s == ResourceState.Stopped;

    public static bool CanRetry(ResourceState s) => s == ResourceState.Failed;

    public static bool CanDelete(ResourceState s) =>
        s is ResourceState.Approved or ResourceState.Provisioning or ResourceState.Ready or ResourceState.Updating or ResourceState.Stopped or ResourceState.Failed;

    public static bool CanChangeLease(ResourceState s) => s is not (ResourceState.Deleting or ResourceState.Deleted);

    /// <summary>States in which the grain keeps talking to the backend until it agrees.</summary>
    public static bool IsConverging(ResourceState s) => s is ResourceState.Approved or ResourceState.Provisioning or ResourceState.Updating or ResourceState.Deleting;
}
