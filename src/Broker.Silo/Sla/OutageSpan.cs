namespace Broker.Silo.Sla;

/// <summary>
/// One stretch of time a resource was unavailable within a period, already clipped to the period. <see cref="CountedMinutes"/>
/// is the part inside the tier's service hours that was not announced maintenance: the minutes that count against the
/// target. <see cref="Source"/> is <c>observed</c> (the broker saw the backend fail) or <c>incident</c> (recorded by an
/// operator); <see cref="IncidentId"/> names the incident when there is one.
/// </summary>
public sealed record OutageSpan(
    DateTimeOffset Start,
    DateTimeOffset End,
    long CountedMinutes,
    string Source,
    bool Planned,
    string? IncidentId,
    string? Description);
