using System.Diagnostics;

namespace Broker.Bench.Provisioning;

/// <summary>The load both sides get: a batch of one-VM orders, a fixed number in flight, then the wait until every VM is ready.</summary>
public static class OrderLoad
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(5);

    // How often the harness asks whether the batch is done. The end time comes from the path itself (the broker's
    // journal write, the minimal controller's watch event), so this pace adds nothing to the measured time.
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Places <paramref name="count"/> orders with the configured number in flight, then waits until every one is ready.</summary>
    public static async Task<OrderRun> RunAsync(IOrderPath path, ProvisioningSettings settings, string prefix, int count)
    {
        var latencies = new double[count];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, async (i, _) =>
        {
            var t = clock.Elapsed.TotalMilliseconds;
            await path.PlaceAsync(settings.Department(i), $"{prefix}{i:00000}");
            latencies[i] = clock.Elapsed.TotalMilliseconds - t;
        });
        var placedSeconds = clock.Elapsed.TotalSeconds;

        // A bounded poll of a condition; not a sleep standing in for synchronisation.
        var tally = await path.ReadyAsync(prefix);
        while (tally.Ready < count && clock.Elapsed < ReadyDeadline)
        {
            await Task.Delay(ReadyPoll);
            tally = await path.ReadyAsync(prefix);
        }

        var seconds = tally.Last is { } end ? Math.Max((end - started).TotalSeconds, placedSeconds) : clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new OrderRun(count, tally.Ready, seconds, placedSeconds, latencies[count / 2], latencies[Math.Min(count - 1, count * 99 / 100)]);
    }
}
