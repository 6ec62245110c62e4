using Broker.Contracts.Common;

namespace Broker.Silo.Tenancy;

/// <summary>
/// What a change to a department's profile or limits decided: refused with an <see cref="Error"/>, a <see cref="Change"/>
/// to record, or nothing to do; <see cref="Replay"/> when the answer must wait for the last write (the first call's may
/// still be on its way to PostgreSQL).
/// </summary>
public sealed record DepartmentStep(BrokerError? Error, bool Replay, DepartmentEvent? Change)
{
    public static readonly DepartmentStep Unchanged = new(null, false, null);

    public static readonly DepartmentStep Replayed = new(null, true, null);

    public static DepartmentStep Refused(BrokerError error, bool replay = false) => new(error, replay, null);

    public static DepartmentStep Changed(DepartmentEvent change) => new(null, false, change);
}
