namespace Broker.Silo.Hosting;

/// <summary>
/// How the sweepers visit what they found: a few at a time, on the calling grain's scheduler (visits interleave at
/// their awaits), and a visit that fails is reported and counted without keeping the others waiting; the next sweep
/// retries it.
/// </summary>
public static class BoundedVisits
{
    /// <summary>Runs <paramref name="visit"/> on each item, at most <paramref name="parallelism"/> at once; returns how many failed.</summary>
    public static async Task<int> RunAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> visit, Action<T, Exception> failed)
    {
        var failures = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(items, options, async (item, _) =>
        {
            try
            {
                await visit(item);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failures);
                failed(item, ex);
            }
        });
        return failures;
    }
}
