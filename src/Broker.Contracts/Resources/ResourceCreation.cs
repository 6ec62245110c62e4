using System.Text.Json.Serialization;

namespace Broker.Contracts.Resources;

/// <summary>
/// How an order brings a resource into being. The resource's quota is already held under its id, and its capacity in
/// <see cref="Pool"/> (null where supply is not managed).
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceCreation")]
public sealed record ResourceCreation(
    [property: Id(0)] string Department,
    [property: Id(1), JsonPropertyName("system")] string OwningSystem,
    [property: Id(2)] string OrderId,
    [property: Id(3)] string NetworkZone,
    [property: Id(4)] ResourceSpec Spec,
    [property: Id(5)] DateTimeOffset? LeaseEnd,
    [property: Id(6)] bool Approved,
    [property: Id(7)] string? Pool = null);
