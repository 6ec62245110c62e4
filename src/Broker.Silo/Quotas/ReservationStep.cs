using Broker.Contracts.Quotas;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Quotas;

/// <summary>
/// What a call on one existing reservation (resize, commit, release) decided: an <see cref="Answer"/> now, the same
/// answer once the last write is durable (<see cref="Replay"/>: the first call's answer may still be on its way), or a
/// <see cref="Change"/> to record, after which the answer is the reservation as it then is.
/// </summary>
public sealed record ReservationStep(ReservationResult? Answer, bool Replay, DepartmentEvent? Change)
{
    public static ReservationStep Refused(ReservationResult answer) => new(answer, false, null);

    public static ReservationStep Replayed(ReservationView view) => new(new ReservationResult(view, null, true), true, null);

    public static ReservationStep Changed(DepartmentEvent change) => new(null, false, change);
}
