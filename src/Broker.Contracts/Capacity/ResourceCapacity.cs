using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Contracts.Capacity;

/// <summary>A resource as the capacity grain needs it: where it was placed, what it holds, and its lifecycle state.</summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceCapacity")]
public sealed record ResourceCapacity(
    [property: Id(0)] string ResourceId,
    [property: Id(1)] string Pool,
    [property: Id(2)] string Department,
    [property: Id(3)] string OrderId,
    [property: Id(4)] ResourceState State,
    [property: Id(5)] QuotaVector Vector);
