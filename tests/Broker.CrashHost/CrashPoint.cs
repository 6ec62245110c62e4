namespace Broker.CrashHost;

/// <summary>
/// A place where the broker process dies on purpose (SIGKILL to itself: no shutdown code, no flushing, as a power cut),
/// so that crash tests can kill it exactly between a backend write and the resource grain's journal write of what it
/// learned (or an order's write and its hand-off), a window too short to hit with a kill from outside.
/// </summary>
public enum CrashPoint
{
    None,

    /// <summary><c>kubernetes-after-apply-ready</c>: after a Kubernetes apply, or a read following it, returns and reports the object ready.</summary>
    KubernetesAfterApplyReady,

    /// <summary><c>kubernetes-after-delete</c>: after a Kubernetes delete returns and reports the object gone.</summary>
    KubernetesAfterDelete,

    /// <summary><c>order-after-placed</c>: after a new order's row is written, before its hand-off to resources.</summary>
    OrderAfterPlaced,
}
