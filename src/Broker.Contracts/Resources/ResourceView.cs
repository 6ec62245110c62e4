using System.Text.Json.Serialization;

namespace Broker.Contracts.Resources;

/// <summary>
/// A resource as its department sees it. <see cref="Simulated"/> marks resources of the simulated machine room;
/// <see cref="Pool"/> is the capacity pool it was placed in.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceView")]
public sealed record ResourceView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Department,
    [property: Id(2), JsonPropertyName("system")] string OwningSystem,
    [property: Id(3)] string OrderId,
    [property: Id(4)] ResourceSpec Spec,
    [property: Id(5)] ResourceState State,
    [property: Id(6)] string? FailureReason,
    [property: Id(7)] DateTimeOffset? LeaseEnd,
    [property: Id(8)] bool LeaseExpiring,
    [property: Id(9)] IReadOnlyDictionary<string, string> Outputs,
    [property: Id(10)] string Backend,
    [property: Id(11)] bool Simulated,
    [property: Id(12)] long Seq,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] string? Pool = null);
