using Broker.Drills.Tests.Checks;
using Broker.Drills.Tests.Harness;
using Broker.Drills.Tests.Load;
using Xunit.Abstractions;
using static Broker.TestSupport.Polling;

namespace Broker.Drills.Tests.Drills;

/// <summary>
/// One silo cut off from the network under the load of 64 clients (its container disconnected from the drill's
/// network, still running): the others must declare it dead, its departments must answer again from them, and no
/// department may have been active twice, which the journals prove (a second writer's entries would collide with or
/// skip sequence numbers: no gap, no overcommit on replay). Then the network heals: the cut silo, learning it was
/// declared dead, must end itself (it may not come back with its old activations) and join again when started anew.
/// The load stops taking new steps after the heal, but every write it sent is retried (same id, same
/// Idempotency-Key) until it is decided: an operation left without a decision once the partition has healed is a
/// broker bug, not bad luck.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Lane", "containers")]
[Trait("Kind", "Drill")]
public sealed class NetworkPartitionDrill(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    [DrillFact]
    public async Task A_silo_cut_off_is_declared_dead_its_grains_move_and_none_is_active_twice()
    {
        await using var cluster = await BrokerCluster.StartAsync("partition", silos: 3, restartSilosOnFailure: false, DrillBrokerSettings.PatientConnections);
        try
        {
            await RunAsync(cluster);
        }
        finally
        {
            await SaveLogsAsync(cluster);
        }
    }

    private async Task RunAsync(BrokerCluster cluster)
    {
        var load = await DrillLoad.PrepareAsync(cluster);
        // 10 s, not the 3 s of the other drills: on this loaded host a healthy department's answer can take longer than
        // 3 s (p99 of the load about 9 s), and a late timeout would read as a department that never came back.
        using var prober = cluster.As("platform-admin", timeout: TimeSpan.FromSeconds(10));
        var probe = new DepartmentProbe(prober, load.DepartmentCodes);
        using var stop = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token, giveUp.Token);
        var probing = probe.RunAsync(stop.Token);

        var started = DateTimeOffset.UtcNow;
        await Task.Delay(Settle); // the scenario's clock: load before the cut
        var cut = cluster.Silos[0];
        var at = DateTimeOffset.UtcNow;
        await cluster.DisconnectAsync(cut);
        await Eventually(async () => (await cluster.MembershipAsync()).Any(m => m.Address == cut.Address && m.Status == 6 /* Dead */), TimeSpan.FromSeconds(60));
        var declaredDead = (DateTimeOffset.UtcNow - at).TotalSeconds;
        var remaining = (await cluster.MembershipAsync()).Count(m => m.Address != cut.Address && m.Status == 3 /* Active */);

        await Task.Delay(Window - (DateTimeOffset.UtcNow - at) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero); // the cut's aftermath is part of the run
        var healed = DateTimeOffset.UtcNow;
        await cluster.ReconnectAsync(cut);
        await Eventually(async () => !await cluster.IsRunningAsync(cut), TimeSpan.FromSeconds(60));
        var endedItself = (DateTimeOffset.UtcNow - healed).TotalSeconds;

        await stop.CancelAsync();
        giveUp.CancelAfter(Drain);
        await Task.WhenAll(running, probing);
        var ended = DateTimeOffset.UtcNow;
        var rejoined = await RejoinAsync(cluster, cut, TimeSpan.FromSeconds(150));

        var findings = await Aftermath.CheckAsync(cluster, load);
        var figures = LoadFigures.Of(load);
        figures["duration_s"] = Math.Round((ended - started).TotalSeconds, 0);
        figures["declared_dead_s"] = Math.Round(declaredDead, 1);
        figures["silos_active_after"] = remaining;
        // Measured up to the heal: the cut is the fault; its end is another membership change.
        figures["departments_back_s"] = Math.Round(probe.RecoverySeconds(at, healed), 1);
        figures["probe_failures_after_heal"] = probe.FailedAnswers(healed, ended);
        figures["cut_silo_ended_after_heal_s"] = Math.Round(endedItself, 1);
        figures["drained_s"] = Math.Round((ended - healed).TotalSeconds - endedItself, 1);
        figures["cut_silo_rejoined_s"] = Math.Round(rejoined, 1);
        findings.AddTo(figures);
        await DrillReport.WriteAsync(output, "network-partition", figures);

        Assert.Equal(2, remaining);
        Assert.True(probe.RecoverySeconds(at, healed) < (healed - at).TotalSeconds, "some department never answered again after the cut");
        Assert.DoesNotContain(load.Log.All, c => c.Status == 500);
        // Every write reached a decision once the partition had healed: none was left unknown.
        Assert.True(load.Ledger.Unknown.IsEmpty, "writes without a decision after the drain: " + string.Join("; ", load.Ledger.Unknown.Take(10)));
        findings.AssertClean();
    }

    /// <summary>
    /// Starts the cut silo's container again, as Kubernetes restarts a pod whose process ended, also when the new
    /// process ends at start (PostgreSQL not answering in time on this loaded host), until it is Active: seconds taken.
    /// </summary>
    private static async Task<double> RejoinAsync(BrokerCluster cluster, BrokerNode node, TimeSpan deadline)
    {
        var from = DateTimeOffset.UtcNow;
        await Eventually(
            async () =>
            {
                if (!await cluster.IsRunningAsync(node))
                {
                    await cluster.Docker.Containers.StartContainerAsync(node.Id, new Docker.DotNet.Models.ContainerStartParameters());
                }

                return (await cluster.MembershipAsync()).Any(m => m.Address == node.Address && m.Status == 3 /* Active */);
            },
            deadline);
        return (DateTimeOffset.UtcNow - from).TotalSeconds;
    }

    // Each container's whole output beside the JSON line: what a failed run's cause is read from.
    private static async Task SaveLogsAsync(BrokerCluster cluster)
    {
        Directory.CreateDirectory(DrillEnvironment.ResultsDirectory);
        foreach (var node in cluster.Silos.Append(cluster.Api))
        {
            var (stdout, stderr) = await node.Container.GetLogsAsync();
            await File.WriteAllTextAsync(Path.Combine(DrillEnvironment.ResultsDirectory, $"network-partition-{node.Name}.log"), stdout + stderr);
        }
    }
}
