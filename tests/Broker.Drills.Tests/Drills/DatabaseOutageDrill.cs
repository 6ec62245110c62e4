using System.Text.Json.Nodes;
using Broker.Drills.Tests.Checks;
using Broker.Drills.Tests.Harness;
using Broker.Drills.Tests.Load;
using Xunit.Abstractions;

namespace Broker.Drills.Tests.Drills;

/// <summary>
/// PostgreSQL frozen (every process of its container SIGSTOPped, as <c>docker pause</c> does: connections open but
/// silent, the worst kind of outage for a client) for 30 s under the load of 64 clients, on 3 silos and the API.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Lane", "containers")]
[Trait("Kind", "Drill")]
public sealed class DatabaseOutageDrill(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the API waits for a grain's answer and for an Idempotency-Key's row before answering 503: below the
    /// 5 s the issue allows a refusal, above the p99 of calls on a loaded machine (docs/reliability.md).
    /// </summary>
    private static readonly Dictionary<string, string> Deadlines = new()
    {
        ["Broker__Orleans__ResponseTimeout"] = "00:00:04",
        ["Broker__Idempotency__LookupTimeout"] = "00:00:03",
    };

    [DrillFact]
    public async Task A_paused_database_gets_503_with_retry_after_and_loses_nothing_acknowledged()
    {
        await using var cluster = await BrokerCluster.StartAsync("db", silos: 3, overrides: Deadlines);
        var load = await DrillLoad.PrepareAsync(cluster);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        // The scenario's clock, not synchronisation: load, outage, recovery.
        await Task.Delay(Before);
        var paused = DateTimeOffset.UtcNow;
        await cluster.PauseDatabaseAsync();
        await Task.Delay(Outage);
        await cluster.UnpauseDatabaseAsync();
        var resumed = DateTimeOffset.UtcNow;
        await Task.Delay(After);
        await stop.CancelAsync();
        await running;

        var calls = load.Log.All;
        var during = calls.Where(c => c.At >= paused && c.At < resumed).ToList();
        var refused = during.Where(c => !c.Succeeded).ToList();
        // Back: the end of the last failed call that started after PostgreSQL returned.
        var lastFailure = calls.Where(c => c.At >= resumed && !c.Succeeded).Select(c => c.At.AddMilliseconds(c.Milliseconds)).DefaultIfEmpty(resumed).Max();
        var figures = LoadFigures.Of(load);
        figures["outage_s"] = Outage.TotalSeconds;
        figures["calls_during_outage"] = during.Count;
        figures["refused_during_outage"] = refused.Count;
        figures["refusals_503_problem_with_retry_after"] = refused.Count(c => c.Status == 503 && c.Problem is not null && c.RetryAfter is not null);
        figures["refused_within_5s"] = refused.Count(c => c.Status != 0 && c.Milliseconds <= 5000);
        figures["slowest_refusal_ms"] = Math.Round(refused.Select(c => c.Milliseconds).DefaultIfEmpty(0).Max(), 0);
        figures["slowest_refusals"] = new JsonArray([.. refused.OrderByDescending(c => c.Milliseconds).Take(5)
            .Select(c => JsonValue.Create($"{c.Kind} {c.Status} {c.Problem} {Math.Round(c.Milliseconds)} ms at +{Math.Round((c.At - paused).TotalSeconds, 1)} s"))]);
        figures["recovered_after_s"] = Math.Round((lastFailure - resumed).TotalSeconds, 1);
        await DrillReport.WriteAsync(output, "database-outage", figures); // the load's figures even if a check below fails
        output.WriteLine(await cluster.LogsAsync(cluster.Api));
        foreach (var silo in cluster.Silos)
        {
            output.WriteLine(await cluster.LogsAsync(silo));
        }

        var findings = await Aftermath.CheckAsync(cluster, load);
        findings.AddTo(figures);
        await DrillReport.WriteAsync(output, "database-outage", figures);

        Assert.DoesNotContain(calls, c => c.Status == 500);
        Assert.DoesNotContain(calls, c => c.Status == 0); // no request hung past the client's 15 s or lost its connection
        Assert.All(refused, c => Assert.True(c.Status == 503 && c.Problem is not null && c.RetryAfter is not null, $"refused with {c.Status} {c.Problem} Retry-After {c.RetryAfter}"));
        Assert.NotEmpty(refused); // the outage was felt: the drill tested something
        // A broker that answers 503 to everything passes every check above: it must have served before and after.
        Assert.True(calls.Count(c => c.Succeeded && c.At < paused) > calls.Count(c => c.At < paused) / 2, "most calls before the outage succeeded");
        Assert.Contains(calls, c => c.Succeeded && c.At >= resumed);
        findings.AssertClean();
    }
}
