using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>
/// An incident as the API shows it. <see cref="Excused"/>: planned maintenance announced at least the configured lead
/// time ahead, so its minutes do not count against the SLA.
/// </summary>
public sealed record IncidentView(
    string Id,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool Planned,
    DateTimeOffset? AnnouncedAt,
    string Description,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Backends,
    bool WholePlatform,
    bool Excused,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IncidentView Of(Incident i, TimeSpan leadTime) => new(
        i.Id, i.Start, i.End, i.Planned, i.AnnouncedAt, i.Description, i.Resources, i.Pools, i.Backends, i.WholePlatform, i.IsExcused(leadTime),
        i.CreatedBy, i.CreatedAt, i.UpdatedAt);
}
