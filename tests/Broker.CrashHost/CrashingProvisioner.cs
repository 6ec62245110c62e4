using Broker.Provisioners.Contract;

namespace Broker.CrashHost;

/// <summary>The backend, except that the process dies right after the armed call returns, before the resource grain can record its answer.</summary>
public sealed class CrashingProvisioner(IProvisioner inner, CrashPoint point) : IProvisioner
{
    public string Name => inner.Name;

    public bool IsSimulated => inner.IsSimulated;

    public async Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default)
    {
        var observed = await inner.ApplyAsync(desired, cancellationToken);
        if (point == CrashPoint.KubernetesAfterApplyReady && observed.Phase == ObservedPhase.Ready)
        {
            CrashPoints.Crash($"after the apply of {desired.ResourceId} reported it ready");
        }

        return observed;
    }

    public async Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        // The resource grain re-reads after its apply instead of applying again, so the answer that finds the applied
        // object ready may be a read: the window (ready in Kubernetes, not yet in the journal) is the same.
        var observed = await inner.ObserveAsync(resourceId, cancellationToken);
        if (point == CrashPoint.KubernetesAfterApplyReady && observed.Phase == ObservedPhase.Ready)
        {
            CrashPoints.Crash($"after the apply of {resourceId}, when a read reported it ready");
        }

        return observed;
    }

    public async Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var observed = await inner.DeleteAsync(resourceId, cancellationToken);
        if (point == CrashPoint.KubernetesAfterDelete && observed.Phase == ObservedPhase.Absent)
        {
            CrashPoints.Crash($"after the delete of {resourceId} reported it gone");
        }

        return observed;
    }
}
