namespace Broker.Contracts.Quotas;

/// <summary>Limits, use and holds of one department; <c>available = limit - used - reserved</c>, never below zero.</summary>
[GenerateSerializer, Immutable, Alias("broker.QuotaView")]
public sealed record QuotaView(
    [property: Id(0)] string Department,
    [property: Id(1)] QuotaVector Limits,
    [property: Id(2)] QuotaVector Used,
    [property: Id(3)] QuotaVector Reserved,
    [property: Id(4)] long Version)
{
    public long Available(string dimension) => Math.Max(0, Limits[dimension] - Used[dimension] - Reserved[dimension]);
}
