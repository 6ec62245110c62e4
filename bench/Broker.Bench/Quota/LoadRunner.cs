using System.Diagnostics;

namespace Broker.Bench.Quota;

/// <summary>
/// Runs the clients against one design: warm-up and measurement are one continuous loop, so the window starts with
/// connections, activations and JIT already hot and without a ramp. Each client stops by itself at the deadline.
/// </summary>
public static class LoadRunner
{
    public static async Task<RunResult> RunAsync(IQuotaDesign design, QuotaWorkload workload, QuotaSettings settings, CpuMeter cpu)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(settings.Warmup);
        var measureTo = measureFrom + Ticks(settings.Duration);
        var clients = Enumerable.Range(0, settings.Clients)
            .Select(client => Task.Run(() => RunClientAsync(design, workload, client, measureFrom, measureTo)))
            .ToArray();

        await DelayUntilAsync(measureFrom);
        var before = design.Counters();
        var cpuBefore = cpu.Sample();
        await DelayUntilAsync(measureFrom + Ticks(settings.Duration / 2));
        var midRun = await design.AuditAsync(workload.Departments, settings.Limits, quiesced: false);
        await DelayUntilAsync(measureTo);
        var counters = design.Counters().Minus(before);
        var cpuUsed = cpu.Sample().Minus(cpuBefore);
        var tallies = await Task.WhenAll(clients);
        var final = await design.AuditAsync(workload.Departments, settings.Limits, quiesced: true);

        var latencies = tallies.SelectMany(t => t.Latencies).ToArray();
        Array.Sort(latencies);
        return new RunResult(
            workload.Name,
            design.Name,
            settings.Duration.TotalSeconds,
            tallies.Sum(t => t.Granted),
            tallies.Sum(t => t.Denied),
            tallies.Sum(t => t.Errors),
            tallies.Select(t => t.FirstError).FirstOrDefault(e => e is not null),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            counters,
            cpuUsed,
            midRun,
            final);
    }

    private static async Task<ClientTally> RunClientAsync(IQuotaDesign design, QuotaWorkload workload, int client, long measureFrom, long measureTo)
    {
        // Seeded per client: every design is asked for the same departments and vectors in the same order.
        var random = new Random(workload.SeedBase + client);
        var tally = new ClientTally();
        for (var n = 0; Stopwatch.GetTimestamp() < measureTo; n++)
        {
            var department = workload.Pick(random);
            var demand = Demand.Random(random);
            var id = $"{workload.Name}-{client}-{n}";
            var started = Stopwatch.GetTimestamp();
            bool granted;
            try
            {
                granted = await design.ReserveAsync(department, id, demand);
            }
            catch (Exception exception)
            {
                tally.Fail(exception);
                continue;
            }

            var ended = Stopwatch.GetTimestamp();
            if (ended >= measureFrom && ended <= measureTo)
            {
                tally.Record(granted, Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            }

            if (granted)
            {
                try
                {
                    await design.ReleaseAsync(department, id);
                }
                catch (Exception exception)
                {
                    tally.Fail(exception);
                }
            }
        }

        return tally;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task DelayUntilAsync(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    // Nearest rank on sorted samples.
    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
