namespace Broker.Bench.Quota;

/// <summary>
/// Design-specific counters, read at the start and end of the measured window: optimistic retries for the
/// optimistic baseline, journal writes (group commits) for the broker.
/// </summary>
public sealed record DesignCounters(long Retries, double JournalWrites, double JournalEntries, double JournalWriteSeconds)
{
    public static readonly DesignCounters None = new(0, 0, 0, 0);

    public DesignCounters Minus(DesignCounters earlier) => new(
        Retries - earlier.Retries,
        JournalWrites - earlier.JournalWrites,
        JournalEntries - earlier.JournalEntries,
        JournalWriteSeconds - earlier.JournalWriteSeconds);
}
