namespace Broker.Contracts.Catalog;

/// <summary>A service level a plan may be ordered with (bronze, silver, gold).</summary>
/// <param name="AvailabilityPercent">Monthly availability target, e.g. 99.95.</param>
/// <param name="RpoMinutes">Recovery point objective: at most this much data may be lost.</param>
/// <param name="RtoMinutes">Recovery time objective: service is back within this long.</param>
/// <param name="PriceMultiplier">Applied to the plan's base price by chargeback, e.g. 1.2.</param>
[GenerateSerializer, Immutable, Alias("broker.SlaTier")]
public sealed record SlaTier(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] decimal AvailabilityPercent,
    [property: Id(4)] ServiceHours ServiceHours,
    [property: Id(5)] int RpoMinutes,
    [property: Id(6)] int RtoMinutes,
    [property: Id(7)] decimal PriceMultiplier,
    [property: Id(8)] DateTimeOffset UpdatedAt);
