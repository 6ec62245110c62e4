namespace Broker.Silo.Sla;

/// <summary>The availability probe saw a live resource go down or come back (<c>broker.resource_availability</c>).</summary>
public sealed record AvailabilityChange(DateTimeOffset At, bool Up, string? Detail = null);
