using Broker.Contracts.Common;

namespace Broker.Contracts.Quotas;

/// <summary>The answer to reserving several ids at once: all granted, or none with the shortfall of the whole.</summary>
[GenerateSerializer, Immutable, Alias("broker.ReservationBatchResult")]
public sealed record ReservationBatchResult(
    [property: Id(0)] IReadOnlyList<ReservationView> Reservations,
    [property: Id(1)] BrokerError? Error,
    [property: Id(2)] IReadOnlyList<Shortfall> Shortfalls,
    [property: Id(3)] bool Replayed)
{
    public bool Granted => Error is null;
}
