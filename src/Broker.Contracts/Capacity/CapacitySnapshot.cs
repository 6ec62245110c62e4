using Broker.Contracts.Quotas;

namespace Broker.Contracts.Capacity;

/// <summary>All pools and the queue at one moment.</summary>
[GenerateSerializer, Immutable, Alias("broker.CapacitySnapshot")]
public sealed record CapacitySnapshot(
    [property: Id(0)] IReadOnlyList<CapacityPoolView> Pools,
    [property: Id(1)] IReadOnlyList<QueuedOrderView> Queue,
    [property: Id(2)] DateTimeOffset At);

/// <summary>
/// One pool: what it physically has, what it can sell after overcommit, what live resources use (allocated) and what
/// is promised to resources not yet built (reserved). Free = allocatable - allocated - reserved. <see cref="Dimensions"/>
/// are the dimensions the pool limits; others never stop a request.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.CapacityPoolView")]
public sealed record CapacityPoolView(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Zones,
    [property: Id(2)] string Backend,
    [property: Id(3)] string Source,
    [property: Id(4)] QuotaVector Physical,
    [property: Id(5)] IReadOnlyDictionary<string, double> Overcommit,
    [property: Id(6)] QuotaVector Allocatable,
    [property: Id(7)] QuotaVector Allocated,
    [property: Id(8)] QuotaVector Reserved,
    [property: Id(9)] IReadOnlyList<string> Dimensions);

/// <summary>An order waiting for capacity.</summary>
[GenerateSerializer, Immutable, Alias("broker.QueuedOrderView")]
public sealed record QueuedOrderView(
    [property: Id(0)] string Department,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string Zone,
    [property: Id(3)] string Backend,
    [property: Id(4)] QuotaVector Total,
    [property: Id(5)] DateTimeOffset QueuedAt);
