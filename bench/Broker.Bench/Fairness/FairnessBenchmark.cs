using System.Globalization;
using System.Net;
using System.Text.Json;
using Broker.Bench.Hosting;
using Broker.TestSupport.Postgres;

namespace Broker.Bench.Fairness;

/// <summary>
/// Does a flooding department slow the others down? A quiet department reserves quota at a steady rate, first alone,
/// then while another department sends writes at 20 times its rate limit. Both run through the whole broker over HTTP
/// (tokens, rate limiter, grains, a durable PostgreSQL). The summary's <c>p99_ratio_quiet_vs_flooded</c> is the quiet
/// department's p99 alone divided by its p99 under the flood (target at least 0.5: the flood at most doubles it).
/// </summary>
public static class FairnessBenchmark
{
    private const string Quiet = "bench-quiet";
    private const string Flooder = "bench-flooder";

    public static async Task<int> RunAsync(bool quick)
    {
        var settings = FairnessSettings.For(quick);
        Progress("starting a durable throwaway PostgreSQL (fsync and synchronous_commit on)");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: true);
        var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_fairness");
        Progress("starting the broker (HTTP, rate limits, co-hosted silo)");
        await using var broker = await FairnessBroker.StartAsync(connectionString, settings);
        await broker.CreateDepartmentAsync(Quiet);
        await broker.CreateDepartmentAsync(Flooder);
        using var quiet = broker.Client("dept-member", Quiet);
        using var flooder = broker.Client("dept-member", Flooder);

        Progress($"warm-up {settings.Warmup.TotalSeconds:0} s: quiet department at {settings.QuietPerSecond}/s");
        await new PacedLoad(quiet, () => FairnessBroker.Reservation(Quiet), settings.QuietPerSecond).RunAsync(settings.Warmup);

        Progress($"phase 1, {settings.Phase.TotalSeconds:0} s: quiet department alone at {settings.QuietPerSecond}/s");
        var alone = await new PacedLoad(quiet, () => FairnessBroker.Reservation(Quiet), settings.QuietPerSecond).RunAsync(settings.Phase);

        Progress($"phase 2, {settings.Phase.TotalSeconds:0} s: the same while {Flooder} sends {settings.FloodPerSecond}/s ({settings.FloodFactor}x its limit of {settings.DepartmentWritesPerSecond}/s)");
        var floodTask = new PacedLoad(flooder, () => FairnessBroker.Reservation(Flooder), settings.FloodPerSecond, maxInFlight: 2048).RunAsync(settings.Phase);
        var flooded = await new PacedLoad(quiet, () => FairnessBroker.Reservation(Quiet), settings.QuietPerSecond).RunAsync(settings.Phase);
        var flood = await floodTask;

        var ratio = alone.Percentile(99) / flooded.Percentile(99);
        Console.WriteLine(FormattableString.Invariant($"fairness: quiet {settings.QuietPerSecond}/s; flooder {settings.FloodPerSecond}/s against a limit of {settings.DepartmentWritesPerSecond}/s{(quick ? " (quick)" : "")}"));
        Console.WriteLine(FormattableString.Invariant($"{"phase",-22}{"requests",10}{"not 201",9}{"p50 ms",9}{"p99 ms",9}{"max ms",9}"));
        Row("quiet alone", alone);
        Row("quiet while flooded", flooded);
        Row("flooder", flood);
        Console.WriteLine(FormattableString.Invariant(
            $"flooder: {flood.Count(HttpStatusCode.Created)} admitted, {flood.Count(HttpStatusCode.TooManyRequests)} refused with 429, {flood.Requests - flood.Count(HttpStatusCode.Created) - flood.Count(HttpStatusCode.TooManyRequests)} other, {flood.Skipped} not sent (in-flight cap)"));
        Console.WriteLine(FormattableString.Invariant($"p99 ratio alone/flooded: {ratio:0.00} (target >= 0.5: {(ratio >= 0.5 ? "met" : "MISSED")})"));
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "fairness",
            ["quick"] = quick,
            ["limit_per_second"] = settings.DepartmentWritesPerSecond,
            ["flood_per_second"] = settings.FloodPerSecond,
            ["quiet_per_second"] = settings.QuietPerSecond,
            ["phase_seconds"] = settings.Phase.TotalSeconds,
            ["quiet_alone_requests"] = alone.Requests,
            ["quiet_alone_not_created"] = alone.NotCreated,
            ["quiet_alone_p50_ms"] = Round(alone.Percentile(50)),
            ["quiet_alone_p99_ms"] = Round(alone.Percentile(99)),
            ["quiet_flooded_requests"] = flooded.Requests,
            ["quiet_flooded_not_created"] = flooded.NotCreated,
            ["quiet_flooded_p50_ms"] = Round(flooded.Percentile(50)),
            ["quiet_flooded_p99_ms"] = Round(flooded.Percentile(99)),
            ["flood_requests"] = flood.Requests,
            ["flood_admitted"] = flood.Count(HttpStatusCode.Created),
            ["flood_refusals"] = flood.Count(HttpStatusCode.TooManyRequests),
            ["flood_skipped"] = flood.Skipped,
            ["cores"] = Environment.ProcessorCount,
            ["p99_ratio_quiet_vs_flooded"] = Round(ratio),
        }));

        // The quiet department was never to be refused: anything but 201 for it is a failure of the limits' partitioning.
        return alone.NotCreated + flooded.NotCreated > 0 ? 3 : 0;
    }

    private static void Row(string name, LoadResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22}{result.Requests,10}{result.NotCreated,9}{result.Percentile(50),9:0.0}{result.Percentile(99),9:0.0}{(result.Requests == 0 ? 0 : result.Latencies.Max()),9:0.0}"));

    private static double Round(double value) => Math.Round(value, 2);

    private static void Progress(string message) => Console.Error.WriteLine($"[fairness] {message}");
}
