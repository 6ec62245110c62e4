using System.Text.Json.Nodes;
using Broker.Drills.Tests.Checks;
using Broker.Drills.Tests.Harness;
using Broker.Drills.Tests.Load;
using Xunit.Abstractions;

namespace Broker.Drills.Tests.Drills;

/// <summary>
/// A rolling upgrade under the load of 64 clients: each of the three silos is replaced in turn by a new container of
/// the same image (the new one Active first, then the old one stopped with SIGTERM and a grace period, as a StatefulSet
/// rollout with a PodDisruptionBudget does). Every operation must end in a decision the load's own retries reach.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Lane", "containers")]
[Trait("Kind", "Drill")]
public sealed class RollingUpgradeDrill(ITestOutputHelper output)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [DrillFact]
    public async Task Replacing_every_silo_one_by_one_under_load_fails_no_call_beyond_the_clients_retries()
    {
        await using var cluster = await BrokerCluster.StartAsync("upgrade", silos: 3, restartSilosOnFailure: true, DrillBrokerSettings.PatientConnections);
        var load = await DrillLoad.PrepareAsync(cluster);
        using var prober = cluster.As("platform-admin", timeout: TimeSpan.FromSeconds(3));
        var probe = new DepartmentProbe(prober, load.DepartmentCodes);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        var probing = probe.RunAsync(stop.Token);

        var started = DateTimeOffset.UtcNow;
        await Task.Delay(Settle); // the scenario's clock: load before the first replacement
        var steps = new List<(DateTimeOffset At, double StepS)>();
        foreach (var old in cluster.Silos.ToList())
        {
            var at = DateTimeOffset.UtcNow;
            await cluster.AddSiloAsync();
            await cluster.StopGracefullyAsync(old, Grace);
            steps.Add((at, (DateTimeOffset.UtcNow - at).TotalSeconds));
        }

        await Task.Delay(Settle); // the last replacement's aftermath is part of the run
        await stop.CancelAsync();
        await Task.WhenAll(running, probing);

        var ended = DateTimeOffset.UtcNow;
        var findings = await Aftermath.CheckAsync(cluster, load);
        var figures = LoadFigures.Of(load);
        figures["duration_s"] = Math.Round((ended - started).TotalSeconds, 0);
        figures["silos_replaced"] = steps.Count;
        figures["replacement_step_s"] = new JsonArray([.. steps.Select(s => JsonValue.Create(Math.Round(s.StepS, 1)))]);
        figures["probe_failures"] = probe.FailedAnswers(started, ended);
        findings.AddTo(figures);
        await DrillReport.WriteAsync(output, "rolling-upgrade", figures);

        Assert.Equal(3, steps.Count);
        Assert.DoesNotContain(load.Log.All, c => c.Status == 500);
        // Beyond the clients' retries nothing failed: every operation reached a decision, none was left unknown.
        Assert.Empty(load.Ledger.Unknown);
        findings.AssertClean();
    }
}
