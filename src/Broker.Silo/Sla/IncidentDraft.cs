namespace Broker.Silo.Sla;

/// <summary>An incident as an operator records or corrects it (validated by the API before it reaches the store).</summary>
public sealed record IncidentDraft(
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool Planned,
    DateTimeOffset? AnnouncedAt,
    string Description,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Backends);
