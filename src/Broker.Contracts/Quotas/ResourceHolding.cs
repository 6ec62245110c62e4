using Broker.Contracts.Resources;

namespace Broker.Contracts.Quotas;

/// <summary>
/// What one resource of a department holds, as the directory (<c>broker.resources</c>) and its journal say: its state,
/// its spec's vector and when it last changed. The department compares these with its system-owned reservations.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceHolding")]
public sealed record ResourceHolding(
    [property: Id(0)] string Id,
    [property: Id(1)] ResourceState State,
    [property: Id(2)] QuotaVector Vector,
    [property: Id(3)] DateTimeOffset UpdatedAt);
