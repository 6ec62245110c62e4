using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Quotas;

/// <summary>
/// What <see cref="ReservationDecisions.Reserve"/> decided: refused or conflicting with an <see cref="Error"/> and the
/// reservations already filed under the ids; replayed; or granted or denied with the <see cref="Events"/> to record.
/// </summary>
public sealed record ReserveDecision(ReserveOutcome Outcome, BrokerError? Error, IReadOnlyList<ReservationView> Existing, IReadOnlyList<DepartmentEvent> Events)
{
    /// <summary>The answer when nothing is recorded and nothing awaited (refused or conflicting).</summary>
    public ReservationBatchResult Refusal => new(Existing, Error, [], false);

    public static ReserveDecision Refused(BrokerError error) => new(ReserveOutcome.Refused, error, [], []);
}
