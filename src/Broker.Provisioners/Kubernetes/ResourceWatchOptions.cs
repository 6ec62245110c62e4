namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// How the broker learns of drift on its VirtualMachines and Clusters: one watch per kind across the department
/// namespaces (<c>Broker:Provisioning:Kubernetes:Watch</c>), see docs/reconciliation.md.
/// </summary>
public sealed class ResourceWatchOptions
{
    /// <summary>
    /// Watch the broker's objects and repair drift within seconds. Off: the namespace reconciler re-applies every live
    /// resource each <see cref="KubernetesProvisionerOptions.ReconcileInterval"/>, as before the watch.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The safety resync: how often the watch lists every object again and compares each with what the broker applied
    /// and with the live resources it knows, whatever the events said. Catches what a lost event would hide.
    /// </summary>
    public TimeSpan Resync { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one watch request stays open before it is renewed from its last resourceVersion.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a watch or list failed; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts while the API server cannot be reached.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Objects per page when listing (a re-list of 20,000 VMs is 40 requests, not one huge answer).</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>Resources repaired at once when many drifted together (after an outage, a config change).</summary>
    public int Parallelism { get; set; } = 8;
}
