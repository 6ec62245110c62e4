using Broker.Contracts.Quotas;

namespace Broker.Contracts.Systems;

/// <summary>A registered system as everyone sees it. <see cref="Allocated"/> is what its live orders hold.</summary>
[GenerateSerializer, Immutable, Alias("broker.SystemView")]
public sealed record SystemView(
    [property: Id(0)] string Department,
    [property: Id(1)] string Id,
    [property: Id(2)] SystemRegistration Registration,
    [property: Id(3)] SystemReviewStatus Status,
    [property: Id(4)] SystemEnvelope? Envelope,
    [property: Id(5)] string? ExemptionReason,
    [property: Id(6)] string? ReviewNote,
    [property: Id(7)] string? ReviewedBy,
    [property: Id(8)] QuotaVector Allocated,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt);
