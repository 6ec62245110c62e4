using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>A pool as placement uses it: configured figures, or for a Kubernetes pool the nodes' figures as last read.</summary>
public sealed record PoolDefinition(
    string Name,
    IReadOnlyList<string> Zones,
    string Backend,
    string Source,
    QuotaVector Physical,
    IReadOnlyDictionary<string, double> Overcommit,
    IReadOnlySet<string> Dimensions)
{
    public const string FromConfiguration = "configuration";
    public const string FromKubernetesNodes = "kubernetes-nodes";

    /// <summary>What nodes report; a node pool limits these even when its nodes add up to nothing.</summary>
    public static readonly string[] NodeDimensions = ["vcpu", "memory_gib"];

    public QuotaVector Allocatable { get; } = CapacityMath.Allocatable(new CapacityPoolOptions
    {
        Physical = Physical.Amounts.ToDictionary(StringComparer.Ordinal),
        Overcommit = Overcommit.ToDictionary(StringComparer.Ordinal),
    });

    public PoolFigures Figures(QuotaVector allocated, QuotaVector reserved) => new(Name, Zones, Physical, Allocatable, allocated, reserved, Dimensions);

    public static PoolDefinition From(CapacityPoolOptions pool, QuotaVector? fromNodes = null)
    {
        var nodeDimensions = fromNodes is null ? [] : NodeDimensions;
        // Node figures win for what nodes report; anything else configured (storage, say) is added as written.
        var physical = new QuotaVector(pool.Physical.Where(p => !nodeDimensions.Contains(p.Key, StringComparer.Ordinal)).Concat(fromNodes?.Amounts ?? []));
        return new PoolDefinition(
            pool.Name,
            pool.Zones.ToList(),
            pool.Backend,
            fromNodes is null ? FromConfiguration : FromKubernetesNodes,
            physical,
            pool.Overcommit.ToDictionary(StringComparer.Ordinal),
            pool.Physical.Keys.Concat(nodeDimensions).ToHashSet(StringComparer.Ordinal));
    }
}
