using Broker.Contracts.Common;
using Broker.Contracts.Quotas;

namespace Broker.Contracts.Tenancy;

/// <summary>
/// One department (tenant), keyed by its code: profile, quota limits, and the reservations held against them.
/// Every change is durable in PostgreSQL before the returned task completes.
/// Invariant: <c>used + reserved &lt;= limit</c> in every dimension, unless an admin lowered a limit below use (or the
/// quota pass restored a live resource's use, which is counted whatever the limit).
/// Reservations belong to an owner (<see cref="ReservationOwner"/>), each with its own id space: every reservation method
/// takes the caller's owner and sees only that owner's reservations. The public API passes
/// <see cref="ReservationOwner.Department"/>; orders and resources pass <see cref="ReservationOwner.System"/>.
/// </summary>
[Alias("broker.IDepartmentGrain")]
public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>The department, or <c>null</c> when it does not exist.</summary>
    [Alias("Get")]
    Task<DepartmentView?> GetAsync();

    /// <summary>Creates the department. Creating it again with the same profile and limits answers the same; otherwise Conflict.</summary>
    [Alias("Create")]
    Task<DepartmentResult> CreateAsync(DepartmentProfile profile, QuotaVector limits, Actor actor);

    [Alias("UpdateProfile")]
    Task<DepartmentResult> UpdateProfileAsync(DepartmentProfile profile, Actor actor);

    /// <summary>Replaces the limits. Lowering below current use is allowed: nothing new fits until use drops.</summary>
    [Alias("SetLimits")]
    Task<DepartmentResult> SetLimitsAsync(QuotaVector limits, Actor actor);

    /// <summary>Removes a department that holds nothing (no reservation held or committed); otherwise Conflict.</summary>
    [Alias("Delete")]
    Task<BrokerError?> DeleteAsync(Actor actor);

    [Alias("GetQuota")]
    Task<QuotaView?> GetQuotaAsync();

    /// <summary>
    /// All-or-nothing across dimensions, idempotent by <see cref="ReservationRequest.Id"/>: a replay with the same
    /// vector returns the first answer; a replay with another vector is a Conflict. A denial lists every short dimension.
    /// </summary>
    [Alias("Reserve")]
    Task<ReservationResult> ReserveAsync(ReservationRequest request, ReservationOwner owner, Actor actor);

    /// <summary>
    /// Reserves every request or none: the sum must fit. Used for an order of N resources, one id each, so that each
    /// resource later commits or releases its own share. Replaying the same set returns the first answer.
    /// </summary>
    [Alias("ReserveMany")]
    Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor);

    /// <summary>
    /// <see cref="ReserveManyAsync(IReadOnlyList{ReservationRequest}, ReservationOwner, Actor)"/>, and when the
    /// reservation is granted, <paramref name="alongside"/>'s rows are committed in the same PostgreSQL transaction as the
    /// decision: both are durable or neither is. If the alongside rows cannot be written (their writer throws or a fence
    /// affects no row), the call fails with an exception and the department holds nothing for these ids (it reloads from
    /// PostgreSQL). A refusal writes nothing alongside; a replay returns the first answer and writes nothing again.
    /// An <see cref="AlongsideWrite.Kind"/> no silo writer handles throws <see cref="ArgumentException"/> before anything is decided.
    /// </summary>
    [Alias("ReserveManyAlongside")]
    Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor, AlongsideWrite? alongside);

    /// <summary>
    /// Changes the vector of a held or committed reservation (a resize). Growing needs the difference to fit and takes
    /// it at once; shrinking gives the difference back at once. Idempotent: resizing to the current vector changes nothing.
    /// </summary>
    [Alias("Resize")]
    Task<ReservationResult> ResizeAsync(string reservationId, QuotaVector vector, ReservationOwner owner, Actor actor);

    /// <summary>Moves a held reservation into use (the resource exists). Idempotent.</summary>
    [Alias("Commit")]
    Task<ReservationResult> CommitAsync(string reservationId, ReservationOwner owner, Actor actor);

    /// <summary>
    /// <see cref="CommitAsync(string, ReservationOwner, Actor)"/>, and when the commit is a change (the reservation was
    /// held), <paramref name="alongside"/>'s rows are committed in the same PostgreSQL transaction: both are durable or
    /// neither is (a resource's first <c>ready</c> with its quota). A replay (already committed) or a refusal writes
    /// nothing alongside: the answer says so (<see cref="ReservationResult.Replayed"/>, <see cref="ReservationResult.Error"/>)
    /// and the caller writes its rows itself. If the rows cannot be written, the call fails and the department reloads.
    /// </summary>
    [Alias("CommitAlongside")]
    Task<ReservationResult> CommitAsync(string reservationId, ReservationOwner owner, Actor actor, AlongsideWrite? alongside);

    /// <summary>Gives a held or committed reservation back. Idempotent.</summary>
    [Alias("Release")]
    Task<ReservationResult> ReleaseAsync(string reservationId, ReservationOwner owner, Actor actor);

    /// <summary>The owner's reservation, also after it finished; <c>null</c> for another owner's.</summary>
    [Alias("GetReservation")]
    Task<ReservationView?> GetReservationAsync(string reservationId, ReservationOwner owner);

    /// <summary>The owner's reservations still held or committed, newest first.</summary>
    [Alias("ListReservations")]
    Task<IReadOnlyList<ReservationView>> ListReservationsAsync(ReservationOwner owner);

    /// <summary>
    /// The quota pass: compares the system-owned reservations with <paramref name="resources"/>, every resource of the
    /// department the directory lists as not deleted, and repairs each stable difference (a ready or stopped resource
    /// whose reservation is missing, still held or of another size; a committed reservation without a live resource)
    /// with a journal entry, an audit row <c>quota.drift-repaired</c> and the metric
    /// <c>broker_quota_drift_repaired_total</c>. Returns how many it repaired.
    /// </summary>
    [Alias("ReconcileQuota")]
    Task<int> ReconcileQuotaAsync(IReadOnlyList<ResourceHolding> resources);
}
