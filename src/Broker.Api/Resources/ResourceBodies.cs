namespace Broker.Api.Resources;

/// <summary>Body of a resize: the plan to move to (its newest version).</summary>
public sealed record ResizeBody(string? PlanCode);

/// <summary>Body of a lease change; null removes the lease.</summary>
public sealed record LeaseBody(DateTimeOffset? LeaseEnd);
