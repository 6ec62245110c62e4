using Broker.Provisioners.Contract;
using Broker.Silo.Hosting;

namespace Broker.CrashHost;

/// <summary>The broker's <see cref="IPathHooks"/> seam filled with one armed <see cref="CrashPoint"/>.</summary>
public sealed class CrashHooks(CrashPoint point) : IPathHooks
{
    /// <summary>The Kubernetes backend's points wrap the Kubernetes provisioner; every other backend is left alone.</summary>
    public IProvisioner Backend(IProvisioner backend) =>
        point is CrashPoint.KubernetesAfterApplyReady or CrashPoint.KubernetesAfterDelete && backend.Name == "kubernetes"
            ? new CrashingProvisioner(backend, point)
            : backend;

    public void OrderPlaced(string orderId)
    {
        if (point == CrashPoint.OrderAfterPlaced)
        {
            CrashPoints.Crash($"after order {orderId} was written");
        }
    }
}
