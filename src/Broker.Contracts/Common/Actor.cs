namespace Broker.Contracts.Common;

/// <summary>Who asked for a change, carried into grains so that the audit trail names a person, not a process.</summary>
[GenerateSerializer, Immutable, Alias("broker.Actor")]
public sealed record Actor(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string CorrelationId)
{
    /// <summary>The broker itself, for changes no person asked for (expiry, demo seeding).</summary>
    public static Actor System(string correlationId) => new("system:broker", "Broker", correlationId);
}
