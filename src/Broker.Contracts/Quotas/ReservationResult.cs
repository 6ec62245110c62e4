using Broker.Contracts.Common;

namespace Broker.Contracts.Quotas;

/// <summary>
/// The answer to reserve, commit or release. <see cref="Replayed"/> is true when the same call was answered
/// before and this is that first answer again.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ReservationResult")]
public sealed record ReservationResult(
    [property: Id(0)] ReservationView? Reservation,
    [property: Id(1)] BrokerError? Error,
    [property: Id(2)] bool Replayed)
{
    public bool Granted => Error is null && Reservation is { State: not ReservationState.Denied };
}
