namespace Broker.Silo.Metering;

/// <summary>
/// What applying one journal event does to the ledger: the next fold, and at most one interval to close and one to
/// open (a resize or stop does both with the same sequence number, so the intervals of a resource tile time).
/// </summary>
public sealed record LedgerStep(LedgerState? Next, LedgerClose? Close, LedgerOpenInterval? Open)
{
    public bool ChangesIntervals => Close is not null || Open is not null;
}

/// <summary>Close the interval opened by <see cref="OpenedSeq"/> at <see cref="EndedAt"/> by event <see cref="ClosedSeq"/>.</summary>
public sealed record LedgerClose(long OpenedSeq, long ClosedSeq, DateTimeOffset EndedAt);
