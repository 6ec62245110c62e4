namespace Broker.KubeStandIn;

/// <summary>A Node the stand-in starts with, for capacity reads.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Cpu">Allocatable (and capacity) CPU as a Kubernetes quantity (<c>"16"</c>, <c>"15500m"</c>).</param>
/// <param name="Memory">Allocatable (and capacity) memory as a quantity (<c>"64Gi"</c>).</param>
/// <param name="Labels">Extra labels; <c>kubernetes.io/hostname</c> and <c>kubernetes.io/os</c> are always set.</param>
public sealed record NodeSeed(string Name, string Cpu, string Memory, IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Three workers of 16 CPUs and 64 GiB.</summary>
    public static IReadOnlyList<NodeSeed> Defaults { get; } =
    [
        new("standin-node-1", "16", "64Gi"),
        new("standin-node-2", "16", "64Gi"),
        new("standin-node-3", "16", "64Gi"),
    ];
}
