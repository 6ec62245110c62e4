using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>A pool's figures at one moment; <see cref="Free"/> = allocatable - allocated - reserved, never below zero.</summary>
/// <param name="Dimensions">The dimensions the pool limits; by default those with a physical amount. Given explicitly
/// when a dimension can be limited at zero (a Kubernetes pool whose nodes are all gone).</param>
public sealed record PoolFigures(string Pool, IReadOnlyList<string> Zones, QuotaVector Physical, QuotaVector Allocatable, QuotaVector Allocated, QuotaVector Reserved, IReadOnlySet<string>? Dimensions = null)
{
    /// <summary>Whether the pool limits <paramref name="dimension"/> at all; a request is never stopped by a dimension it does not.</summary>
    public bool Limits(string dimension) => Dimensions?.Contains(dimension) ?? Physical.Amounts.ContainsKey(dimension);

    public long Free(string dimension) => Math.Max(0, Allocatable[dimension] - Allocated[dimension] - Reserved[dimension]);
}
