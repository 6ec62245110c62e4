using Broker.Contracts.Common;

namespace Broker.Contracts.Orders;

/// <summary>Someone deciding on an order: who, and which roles their token carries (checked against the waiting level).</summary>
[GenerateSerializer, Immutable, Alias("broker.Approver")]
public sealed record Approver(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] IReadOnlyList<string> Roles);
