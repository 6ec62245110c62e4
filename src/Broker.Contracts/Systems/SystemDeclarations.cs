namespace Broker.Contracts.Systems;

/// <summary>The three declarations every approved project must make (seed 004).</summary>
[GenerateSerializer, Immutable, Alias("broker.SystemDeclarations")]
public sealed record SystemDeclarations(
    [property: Id(0)] bool OnSharedCloud,
    [property: Id(1)] string? NotOnCloudReason,
    [property: Id(2)] NetworkZone NetworkZone,
    [property: Id(3)] DataSharingScope SharingScope,
    [property: Id(4)] IReadOnlyList<string> SharedCatalogEntries);
