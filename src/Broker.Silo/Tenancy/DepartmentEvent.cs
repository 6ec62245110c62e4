using System.Text.Json.Serialization;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;

namespace Broker.Silo.Tenancy;

/// <summary>
/// What happened to a department, as appended to the journal. The journal, not the snapshot, is the truth:
/// a grain rebuilds itself by applying these in sequence order, so their JSON shape is a stored format.
/// Every reservation event names the reservation's owner; entries written before owners existed have none and read
/// as <see cref="ReservationOwner.System"/> (the parameter's default), see <see cref="ReservationOwner"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DepartmentCreated), "department.created")]
[JsonDerivedType(typeof(ProfileUpdated), "department.profile-updated")]
[JsonDerivedType(typeof(LimitsSet), "department.limits-set")]
[JsonDerivedType(typeof(DepartmentDeleted), "department.deleted")]
[JsonDerivedType(typeof(ReservationHeld), "reservation.held")]
[JsonDerivedType(typeof(ReservationDenied), "reservation.denied")]
[JsonDerivedType(typeof(ReservationCommitted), "reservation.committed")]
[JsonDerivedType(typeof(ReservationReleased), "reservation.released")]
[JsonDerivedType(typeof(ReservationExpired), "reservation.expired")]
[JsonDerivedType(typeof(ReservationResized), "reservation.resized")]
[JsonDerivedType(typeof(ReservationRepaired), "reservation.repaired")]
public abstract record DepartmentEvent(DateTimeOffset At)
{
    // The discriminators declared above, read once, so the journal's type column and the JSON agree by construction.
    private static readonly Dictionary<Type, string> Discriminators = typeof(DepartmentEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>The discriminator, also stored in its own column for queries.</summary>
    [JsonIgnore]
    public string Type => Discriminators[GetType()];
}

public sealed record DepartmentCreated(DateTimeOffset At, DepartmentProfile Profile, QuotaVector Limits) : DepartmentEvent(At);

public sealed record ProfileUpdated(DateTimeOffset At, DepartmentProfile Profile) : DepartmentEvent(At);

public sealed record LimitsSet(DateTimeOffset At, QuotaVector Limits) : DepartmentEvent(At);

public sealed record DepartmentDeleted(DateTimeOffset At) : DepartmentEvent(At);

public sealed record ReservationHeld(DateTimeOffset At, string Id, QuotaVector Vector, TimeSpan Ttl, DateTimeOffset ExpiresAt, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

public sealed record ReservationDenied(DateTimeOffset At, string Id, QuotaVector Vector, TimeSpan Ttl, IReadOnlyList<Shortfall> Shortfalls, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

public sealed record ReservationCommitted(DateTimeOffset At, string Id, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

public sealed record ReservationReleased(DateTimeOffset At, string Id, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

public sealed record ReservationExpired(DateTimeOffset At, string Id, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

public sealed record ReservationResized(DateTimeOffset At, string Id, QuotaVector Vector, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);

/// <summary>
/// The quota pass set a system-owned reservation to what its resource holds: committed with <see cref="Vector"/>, or
/// released when <see cref="Vector"/> is null (no live resource). Applied whatever the limits: use that exists is counted.
/// </summary>
public sealed record ReservationRepaired(DateTimeOffset At, string Id, QuotaVector? Vector, string Reason, ReservationOwner Owner = ReservationOwner.System) : DepartmentEvent(At);
