namespace Broker.Api.Systems;

/// <summary>The resources granted on approval: a quota vector and whether it is a yearly (<c>per-year</c>) or a <c>total</c> grant.</summary>
public sealed record EnvelopeRequest(Dictionary<string, long>? Vector, string? Period);
