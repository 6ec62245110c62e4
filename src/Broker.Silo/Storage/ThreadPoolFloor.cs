namespace Broker.Silo.Storage;

/// <summary>
/// Keeps enough thread-pool workers for every pooled PostgreSQL connection to be cancelling at once. When a statement
/// exceeds its <c>Command Timeout</c>, Npgsql sends PostgreSQL a cancel request over a second connection, synchronously,
/// on the pool thread that noticed the timeout. A server that accepts TCP but answers nothing (frozen, paused, a stuck
/// failover) holds that thread for two more connection <c>Timeout</c>s (measured: 4 s + 8 s with both at 4 s, whatever
/// <c>Cancellation Timeout</c> says). The runtime starts with one worker per core and adds about one a second, so a
/// pool's worth of such cancels starved the whole process for 10 to 20 s in the database outage drill: Kestrel,
/// Orleans' messages and response timeouts, every timer waited behind them (docs/reliability.md).
/// </summary>
public static class ThreadPoolFloor
{
    /// <summary>One worker for each connection the process may hold, plus two per core for everything else.</summary>
    public static int For(ConnectionBudgetOptions budget, int processors) =>
        Math.Max(0, budget.PerProcess) + (2 * Math.Max(1, processors));

    /// <summary>Raises the pool's minimum of worker threads to <see cref="For"/>; never lowers a higher one set elsewhere.</summary>
    public static void Apply(ConnectionBudgetOptions budget)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var floor = For(budget, Environment.ProcessorCount);
        if (floor > workers)
        {
            ThreadPool.SetMinThreads(floor, completionPorts);
        }
    }
}
