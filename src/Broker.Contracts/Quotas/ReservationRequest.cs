namespace Broker.Contracts.Quotas;

/// <summary>Hold <see cref="Vector"/> for <see cref="Id"/> until committed, released, or <see cref="Ttl"/> elapses.</summary>
[GenerateSerializer, Immutable, Alias("broker.ReservationRequest")]
public sealed record ReservationRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] QuotaVector Vector,
    [property: Id(2)] TimeSpan Ttl);
