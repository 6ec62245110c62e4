using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Contracts.Capacity;

/// <summary>N units of one plan for an order: each resource id gets <see cref="PerUnit"/> in a pool serving <see cref="Zone"/>.</summary>
[GenerateSerializer, Immutable, Alias("broker.CapacityRequest")]
public sealed record CapacityRequest(
    [property: Id(0)] string Department,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string Zone,
    [property: Id(3)] ResourceKind Kind,
    [property: Id(4)] QuotaVector PerUnit,
    [property: Id(5)] IReadOnlyList<string> ResourceIds);
