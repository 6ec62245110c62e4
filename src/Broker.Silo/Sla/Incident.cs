namespace Broker.Silo.Sla;

/// <summary>
/// An incident a platform operator recorded: from <see cref="Start"/> to <see cref="End"/> (open while null), affecting
/// the listed resources, pools and backends, or the whole platform when all three lists are empty. Planned maintenance
/// carries the moment it was announced; whether it is excused depends on the configured lead time.
/// </summary>
public sealed record Incident(
    string Id,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool Planned,
    DateTimeOffset? AnnouncedAt,
    string Description,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Backends,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool WholePlatform => Resources.Count == 0 && Pools.Count == 0 && Backends.Count == 0;

    public bool Affects(ResourceHistory resource) =>
        WholePlatform
        || Resources.Contains(resource.ResourceId, StringComparer.Ordinal)
        || (resource.Pool is { } pool && Pools.Contains(pool, StringComparer.Ordinal))
        || Backends.Contains(resource.Backend, StringComparer.Ordinal);

    /// <summary>Planned and announced at least <paramref name="leadTime"/> before it started: excluded from the outage minutes.</summary>
    public bool IsExcused(TimeSpan leadTime) => Planned && AnnouncedAt is { } announced && announced <= Start - leadTime;
}
