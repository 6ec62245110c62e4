namespace Broker.Silo.Capacity;

/// <summary>One part of the machine room: what it physically has, how far each dimension may be overcommitted, which
/// network zones it serves and which backend builds in it.</summary>
public sealed class CapacityPoolOptions
{
    public string Name { get; set; } = "";

    /// <summary>Network zones served: <c>extranet</c>, <c>internet</c>, <c>dedicated-line</c>.</summary>
    public List<string> Zones { get; set; } = [];

    public string Backend { get; set; } = "simulated";

    /// <summary>
    /// Physical capacity per quota dimension (vcpu, memory_gib, storage_gib, ...). A pool limits only the dimensions it
    /// names. For a pool read from Kubernetes nodes, vcpu and memory_gib come from the nodes and any other dimension
    /// named here is added as configured.
    /// </summary>
    public Dictionary<string, long> Physical { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Overcommit ratio per dimension (vcpu 4 means 4 vCPU sold per physical core); missing means 1.</summary>
    public Dictionary<string, double> Overcommit { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True: vcpu and memory_gib are the sum of the allocatable resources of the Kubernetes nodes labelled
    /// <see cref="CapacityOptions.PoolLabel"/>=<see cref="Name"/> (needs a registered Kubernetes client).
    /// </summary>
    public bool FromKubernetesNodes { get; set; }
}
