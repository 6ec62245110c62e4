using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Storage;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Quotas;

/// <summary>
/// A department's reservation decisions as pure functions of its state and a request; the grain validates, asks these,
/// records the events they return and answers. Reserving one request is reserving a set of one: same checks, same
/// shortfall, same replay rules.
/// </summary>
public static class ReservationDecisions
{
    public static readonly BrokerError QuotaExceeded = new(BrokerErrorKind.Denied, "quota.exceeded", "vector");

    /// <summary>The first thing wrong with <paramref name="requests"/> as a caller sent them, before any state is read.</summary>
    public static BrokerError? Invalid(QuotaValidation validation, IReadOnlyList<ReservationRequest> requests)
    {
        if (requests.Count == 0)
        {
            return new BrokerError(BrokerErrorKind.Invalid, "vector.empty", "requests");
        }

        return requests.Select(r => validation.Vector("vector", r.Vector, isLimit: false).FirstOrDefault() ?? validation.Ttl("ttl", r.Ttl)).FirstOrDefault(e => e is not null)
            ?? (requests.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != requests.Count ? new BrokerError(BrokerErrorKind.Invalid, "reservation.id-reused", "id") : null);
    }

    /// <summary>
    /// Holds every request or none: the sum must fit into what the limits leave. A set whose ids are all filed with the
    /// same vectors and TTLs is a replay; any other use of a filed id is a conflict. A denial lists every short dimension
    /// of the sum, on each request's entry, so that a replay answers it again.
    /// </summary>
    public static ReserveDecision Reserve(DepartmentData state, IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return ReserveDecision.Refused(new BrokerError(BrokerErrorKind.NotFound, "department.not-found"));
        }

        var existing = requests.Select(r => state.Find(owner, r.Id)).ToList();
        if (existing.Any(e => e is not null))
        {
            var same = existing.Zip(requests).All(p => p.First is { } e && e.Vector == p.Second.Vector && e.Ttl == p.Second.Ttl);
            return same
                ? new ReserveDecision(ReserveOutcome.Replayed, null, [], [])
                : new ReserveDecision(
                    ReserveOutcome.Conflict, new BrokerError(BrokerErrorKind.Conflict, "reservation.id-reused", "id"), existing.OfType<Reservation>().Select(e => e.ToView()).ToList(), []);
        }

        if (state.Profile!.Status == DepartmentStatus.Suspended)
        {
            return ReserveDecision.Refused(new BrokerError(BrokerErrorKind.Conflict, "department.suspended"));
        }

        var total = requests.Aggregate(QuotaVector.Empty, (sum, r) => sum.Add(r.Vector));
        var shortfalls = QuotaDecisions.Shortfalls(state.Limits, state.Used, state.Reserved, total);
        var events = requests.Select(r => shortfalls.Count == 0
            ? (DepartmentEvent)new ReservationHeld(now, r.Id, r.Vector, r.Ttl, now + r.Ttl, owner)
            : new ReservationDenied(now, r.Id, r.Vector, r.Ttl, shortfalls, owner)).ToList();
        return new ReserveDecision(shortfalls.Count == 0 ? ReserveOutcome.Granted : ReserveOutcome.Denied, null, [], events);
    }

    /// <summary>The answer to <paramref name="requests"/> as <paramref name="state"/> now files them: granted, or denied with the shortfall of the sum.</summary>
    public static ReservationBatchResult Answer(DepartmentData state, IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, bool replayed)
    {
        var views = requests.Select(r => state.Find(owner, r.Id)!.ToView()).ToList();
        return new ReservationBatchResult(views, views[0].State == ReservationState.Denied ? QuotaExceeded : null, views[0].Shortfalls, replayed);
    }

    /// <summary>Changes a live reservation's vector: only growth has to fit, what shrinks is given back.</summary>
    public static ReservationStep Resize(DepartmentData state, string id, QuotaVector vector, ReservationOwner owner, DateTimeOffset now)
    {
        var current = state.Exists ? state.Find(owner, id) : null;
        if (current is null)
        {
            return ReservationStep.Refused(NotFound());
        }

        if (!current.IsLive)
        {
            return ReservationStep.Refused(NotHeld(current));
        }

        if (current.Vector == vector)
        {
            return ReservationStep.Replayed(current.ToView());
        }

        var growth = new QuotaVector(vector.Subtract(current.Vector).Amounts.Where(p => p.Value > 0));
        var shortfalls = QuotaDecisions.Shortfalls(state.Limits, state.Used, state.Reserved, growth);
        return shortfalls.Count > 0
            ? ReservationStep.Refused(new ReservationResult(current.ToView() with { Shortfalls = shortfalls }, QuotaExceeded, false))
            : ReservationStep.Changed(new ReservationResized(now, id, vector, owner));
    }

    /// <summary>Moves a held reservation into use; committing again answers the same.</summary>
    public static ReservationStep Commit(DepartmentData state, string id, ReservationOwner owner, DateTimeOffset now) =>
        (state.Exists ? state.Find(owner, id) : null) switch
        {
            null => ReservationStep.Refused(NotFound()),
            { State: ReservationState.Committed } committed => ReservationStep.Replayed(committed.ToView()),
            { State: ReservationState.Held } => ReservationStep.Changed(new ReservationCommitted(now, id, owner)),
            var other => ReservationStep.Refused(NotHeld(other)),
        };

    /// <summary>Gives a live reservation back; a finished one (released, expired, denied) holds nothing, so releasing it answers the same.</summary>
    public static ReservationStep Release(DepartmentData state, string id, ReservationOwner owner, DateTimeOffset now) =>
        (state.Exists ? state.Find(owner, id) : null) switch
        {
            null => ReservationStep.Refused(NotFound()),
            { IsLive: true } => ReservationStep.Changed(new ReservationReleased(now, id, owner)),
            var finished => ReservationStep.Replayed(finished.ToView()),
        };

    /// <summary>The held reservations whose time is up at <paramref name="now"/>.</summary>
    public static IReadOnlyList<DepartmentEvent> Expired(DepartmentData state, DateTimeOffset now) =>
        state.Live.Values
            .Where(r => r.State == ReservationState.Held && r.ExpiresAt <= now)
            .Select(r => (DepartmentEvent)new ReservationExpired(now, r.Id, r.Owner))
            .ToList();

    private static ReservationResult NotFound() => new(null, new BrokerError(BrokerErrorKind.NotFound, "reservation.not-found"), false);

    private static ReservationResult NotHeld(Reservation current) =>
        new(current.ToView(), new BrokerError(BrokerErrorKind.Conflict, "reservation.not-held", "state", WireText.Of(current.State)), false);
}
