namespace Broker.Silo.Metering;

/// <summary>
/// The ledger's fold of one resource, kept in <c>broker.ledger_cursor.state</c> beside the last applied sequence:
/// what the resource asked for (<see cref="Desired"/>, set by a resize or stop/start request) and the interval that is
/// open (<see cref="Open"/>, what is being charged now).
/// </summary>
public sealed record LedgerState(
    string Department,
    string SystemId,
    LedgerAllocation Desired,
    bool DesiredRunning,
    LedgerOpenInterval? Open,
    bool Gone);

/// <summary>The interval a resource is charged on now, opened by journal event <see cref="OpenedSeq"/>.</summary>
public sealed record LedgerOpenInterval(long OpenedSeq, DateTimeOffset StartedAt, LedgerAllocation Allocation, bool Running);
