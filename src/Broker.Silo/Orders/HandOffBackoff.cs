namespace Broker.Silo.Orders;

/// <summary>
/// When an order's activation tries its hand-off again after a transient failure (a grain it calls was on a silo that
/// is gone, PostgreSQL did not answer): 1 s after the first failure, doubling up to 30 s, for at most
/// <see cref="Attempts"/> failures (about four minutes); then the order sweeper's next tick is the one left. A failure
/// is not counted against the order (<c>OrderSettleAttempts</c>): only the sweeper's visits are.
/// </summary>
public static class HandOffBackoff
{
    public const int Attempts = 12;

    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the next run after <paramref name="failures"/> failed runs in a row; null once they are used up.</summary>
    public static TimeSpan? After(int failures) =>
        failures is < 1 or > Attempts ? null : TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(failures - 1, 16)));
}
