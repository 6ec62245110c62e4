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
/// skip sequence numbers: no gap, no overcommit on replay).
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Lane", "containers")]
[Trait("Kind", "Drill")]
public sealed class NetworkPartitionDrill(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(45);

    [DrillFact]
    public async Task A_silo_cut_off_is_declared_dead_its_grains_move_and_none_is_active_twice()
    {
        await using var cluster = await BrokerCluster.StartAsync("partition", silos: 3);
        var load = await DrillLoad.PrepareAsync(cluster);
        using var prober = cluster.As("platform-admin", timeout: TimeSpan.FromSeconds(3));
        var probe = new DepartmentProbe(prober, load.DepartmentCodes);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
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
        await stop.CancelAsync();
        await Task.WhenAll(running, probing);
        var ended = DateTimeOffset.UtcNow;
        await cluster.ReconnectAsync(cut);

        var findings = await Aftermath.CheckAsync(cluster, load);
        var figures = LoadFigures.Of(load);
        figures["duration_s"] = Math.Round((ended - started).TotalSeconds, 0);
        figures["declared_dead_s"] = Math.Round(declaredDead, 1);
        figures["silos_active_after"] = remaining;
        figures["departments_back_s"] = Math.Round(probe.RecoverySeconds(at, ended), 1);
        findings.AddTo(figures);
        await DrillReport.WriteAsync(output, "network-partition", figures);

        Assert.Equal(2, remaining);
        Assert.True(probe.RecoverySeconds(at, ended) < (ended - at).TotalSeconds, "some department never answered again after the cut");
        Assert.DoesNotContain(load.Log.All, c => c.Status == 500);
        findings.AssertClean();
    }
}
