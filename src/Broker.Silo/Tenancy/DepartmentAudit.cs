using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Audit;
using Broker.Silo.Storage;

namespace Broker.Silo.Tenancy;

/// <summary>
/// The audit row of a department event: what it was about, before and after. The state is changed in place, so what an
/// event changes is read with <see cref="Before"/> before it is applied and the row built with <see cref="For"/> after.
/// </summary>
public static class DepartmentAudit
{
    /// <summary>Read from the state before <paramref name="e"/> is applied.</summary>
    public static Prior Before(DepartmentData state, DepartmentEvent e) =>
        new(e is not ReservationHeld && Target(e) is (var owner, var id) ? state.Find(owner, id)?.ToView() : null, state.Profile, state.Limits);

    /// <summary>The audit row of <paramref name="e"/>, read from the state after it was applied; none for a denial, which changes nothing.</summary>
    public static AuditEntry? For(string code, Actor actor, DepartmentEvent e, Prior before, DepartmentData after)
    {
        AuditEntry Entry(string type, string id, string action, object? was, object? now) => new(
            e.At, actor.Subject, actor.DisplayName, code, type, id, action,
            was is null ? null : BrokerJson.Serialize(was), now is null ? null : BrokerJson.Serialize(now), actor.CorrelationId);

        return e switch
        {
            DepartmentCreated c => Entry("department", code, "department.created", null, new { c.Profile, c.Limits }),
            ProfileUpdated p => Entry("department", code, "department.profile-updated", before.Profile, p.Profile),
            LimitsSet l => Entry("quota", code, "quota.limits-set", before.Limits, l.Limits),
            DepartmentDeleted => Entry("department", code, "department.deleted", before.Profile, null),
            ReservationHeld h => Entry("reservation", h.Id, "reservation.held", null, after.Find(h.Owner, h.Id)?.ToView()),
            ReservationRepaired r => Entry("reservation", r.Id, "quota.drift-repaired", before.Reservation, new { Reservation = after.Find(r.Owner, r.Id)?.ToView(), r.Reason }),
            ReservationCommitted or ReservationReleased or ReservationExpired or ReservationResized when Target(e) is (var owner, var id) =>
                Entry("reservation", id, e.Type, before.Reservation, after.Find(owner, id)?.ToView()),
            _ => null, // a denial changes nothing; the journal keeps it for replays
        };
    }

    /// <summary>The reservation an event is about, if it is about one (a denial is, but changes nothing).</summary>
    private static (ReservationOwner Owner, string Id)? Target(DepartmentEvent e) => e switch
    {
        ReservationHeld h => (h.Owner, h.Id),
        ReservationCommitted c => (c.Owner, c.Id),
        ReservationReleased r => (r.Owner, r.Id),
        ReservationExpired x => (x.Owner, x.Id),
        ReservationResized z => (z.Owner, z.Id),
        ReservationRepaired p => (p.Owner, p.Id),
        _ => null,
    };

    /// <summary>What an event may change, as it was before: the reservation it is about, the profile, the limits.</summary>
    public readonly record struct Prior(ReservationView? Reservation, DepartmentProfile? Profile, QuotaVector Limits);
}
