namespace Broker.Contracts.Systems;

/// <summary>
/// The committee's decision, recorded by a platform admin. Approving a system of a category that may not be built
/// separately needs <see cref="ExemptionReason"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.SystemReview")]
public sealed record SystemReview(
    [property: Id(0)] bool Approve,
    [property: Id(1)] SystemEnvelope? Envelope,
    [property: Id(2)] string? ExemptionReason,
    [property: Id(3)] string? Note);
