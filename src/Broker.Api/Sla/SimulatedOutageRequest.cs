namespace Broker.Api.Sla;

/// <summary>Body of <c>POST /api/platform/sla/simulated-outages</c>: which host or host group, from when (default now), for how long.</summary>
public sealed record SimulatedOutageRequest(string? Target, DateTimeOffset? Start, int? Minutes);
