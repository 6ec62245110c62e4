using Broker.Contracts.Quotas;

namespace Broker.Silo.Quotas;

/// <summary>A reservation inside the department grain's state; finished ones are kept a while to answer replays.</summary>
[GenerateSerializer, Alias("broker.state.Reservation")]
public sealed record Reservation(
    [property: Id(0)] string Id,
    [property: Id(1)] QuotaVector Vector,
    [property: Id(2)] TimeSpan Ttl,
    [property: Id(3)] ReservationState State,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] IReadOnlyList<Shortfall> Shortfalls,
    [property: Id(8)] ReservationOwner Owner = ReservationOwner.System)
{
    public bool IsLive => State is ReservationState.Held or ReservationState.Committed;

    /// <summary>Where the department's state files it: ids are unique per owner, not across owners.</summary>
    public string Key => ReservationKey.Of(Owner, Id);

    public ReservationView ToView() => new(Id, Vector, State, CreatedAt, ExpiresAt, UpdatedAt, Shortfalls, Owner);
}
