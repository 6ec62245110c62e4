namespace Broker.Api.Systems;

/// <summary>The three declarations of a registration (seed 004): cloud, network, data sharing.</summary>
public sealed record DeclarationsRequest(
    bool? OnSharedCloud,
    string? NotOnCloudReason,
    string? NetworkZone,
    string? SharingScope,
    List<string?>? SharedCatalogEntries);
