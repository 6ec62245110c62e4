namespace Broker.Api.Orders;

/// <summary>Body of <c>POST /api/departments/{code}/orders</c>.</summary>
public sealed record OrderRequestBody(
    string? SystemId,
    string? PlanCode,
    string? SlaTier,
    int? Quantity,
    string? Image,
    string? DatabaseName,
    DateTimeOffset? LeaseEnd,
    string? Note);

/// <summary>Body of a rejection.</summary>
public sealed record RejectBody(string? Reason);
