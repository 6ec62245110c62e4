namespace Broker.Contracts.Orders;

/// <summary>N resources of one plan and SLA tier for one of the department's systems.</summary>
[GenerateSerializer, Immutable, Alias("broker.OrderRequest")]
public sealed record OrderRequest(
    [property: Id(0)] string SystemId,
    [property: Id(1)] string PlanCode,
    [property: Id(2)] string SlaTier,
    [property: Id(3)] int Quantity,
    [property: Id(4)] string? Image,
    [property: Id(5)] string? DatabaseName,
    [property: Id(6)] DateTimeOffset? LeaseEnd,
    [property: Id(7)] string? Note);
