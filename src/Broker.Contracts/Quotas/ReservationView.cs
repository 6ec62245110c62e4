namespace Broker.Contracts.Quotas;

/// <summary>A reservation as the department sees it, including the final answer for finished ones.</summary>
[GenerateSerializer, Immutable, Alias("broker.ReservationView")]
public sealed record ReservationView(
    [property: Id(0)] string Id,
    [property: Id(1)] QuotaVector Vector,
    [property: Id(2)] ReservationState State,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] IReadOnlyList<Shortfall> Shortfalls,
    [property: Id(7)] ReservationOwner Owner = ReservationOwner.System);
