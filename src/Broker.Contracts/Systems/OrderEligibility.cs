using Broker.Contracts.Common;

namespace Broker.Contracts.Systems;

/// <summary>
/// Whether a system may order now (<see cref="Refusal"/> null) and whether the order stays inside its envelope,
/// which is one condition of auto-approval.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.OrderEligibility")]
public sealed record OrderEligibility(
    [property: Id(0)] BrokerError? Refusal,
    [property: Id(1)] bool WithinEnvelope,
    [property: Id(2)] SystemView? System);
