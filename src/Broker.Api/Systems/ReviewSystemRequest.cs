namespace Broker.Api.Systems;

/// <summary>Body of <c>POST /api/platform/systems/{department}/{id}/review</c>.</summary>
public sealed record ReviewSystemRequest(bool? Approve, EnvelopeRequest? Envelope, string? ExemptionReason, string? Note);
