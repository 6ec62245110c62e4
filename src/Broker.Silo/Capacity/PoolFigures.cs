using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>A pool's figures at one moment; <see cref="Free"/> = allocatable - allocated - reserved, never below zero.</summary>
public sealed record PoolFigures(string Pool, IReadOnlyList<string> Zones, QuotaVector Physical, QuotaVector Allocatable, QuotaVector Allocated, QuotaVector Reserved)
{
    public long Free(string dimension) => Math.Max(0, Allocatable[dimension] - Allocated[dimension] - Reserved[dimension]);
}
