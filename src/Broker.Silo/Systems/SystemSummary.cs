using Broker.Contracts.Systems;

namespace Broker.Silo.Systems;

/// <summary>A system as listed from <c>broker.systems</c> (the registration's details come from its grain).</summary>
public sealed record SystemSummary(
    string Department,
    string Id,
    string Name,
    SystemCategory Category,
    int OmTier,
    SystemReviewStatus Status,
    NetworkZone NetworkZone,
    DataSharingScope SharingScope,
    bool OnSharedCloud,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
