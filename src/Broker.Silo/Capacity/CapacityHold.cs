using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>What one resource holds in its pool: reserved until it is built, allocated while it exists.</summary>
public sealed record CapacityHold(
    string ResourceId,
    string Pool,
    string Department,
    string OrderId,
    QuotaVector Vector,
    bool Allocated,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
