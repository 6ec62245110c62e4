namespace Broker.Contracts.Quotas;

/// <summary>One dimension a reservation did not fit in, and by how much.</summary>
[GenerateSerializer, Immutable, Alias("broker.Shortfall")]
public sealed record Shortfall(
    [property: Id(0)] string Dimension,
    [property: Id(1)] long Requested,
    [property: Id(2)] long Available,
    [property: Id(3)] long Missing);
