namespace Broker.Api.Sla;

/// <summary>
/// Body of <c>POST /api/platform/sla/incidents</c> and <c>PUT …/{id}</c>: the incident's full content. Name what was
/// affected (resources, pools, backends) or say <see cref="WholePlatform"/>; <see cref="AnnouncedAt"/> is required for
/// planned maintenance.
/// </summary>
public sealed record IncidentRequest(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    bool? Planned,
    DateTimeOffset? AnnouncedAt,
    string? Description,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? Pools,
    IReadOnlyList<string>? Backends,
    bool? WholePlatform);
