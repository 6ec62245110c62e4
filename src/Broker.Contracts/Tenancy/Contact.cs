namespace Broker.Contracts.Tenancy;

[GenerateSerializer, Immutable, Alias("broker.Contact")]
public sealed record Contact(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Role);
