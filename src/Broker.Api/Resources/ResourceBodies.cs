namespace Broker.Api.Resources;

/// <summary>Body of a resize: the plan to move to (its newest version).</summary>
public sealed record ResizeBody(string? PlanCode);

/// <summary>Body of <c>PUT …/lease</c>: the new end, required (removing the lease is <c>DELETE …/lease</c>).</summary>
public sealed record LeaseBody(DateTimeOffset? LeaseEnd);
