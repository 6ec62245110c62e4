using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Drills.Tests.Checks;
using Broker.Drills.Tests.Harness;
using Broker.Drills.Tests.Load;
using Xunit.Abstractions;
using static Broker.TestSupport.Polling;

namespace Broker.Drills.Tests.Drills;

/// <summary>
/// Three silos and the API under the load of 64 clients for 5 minutes while a silo container is killed
/// (<c>docker kill</c>) every 30 s, in turn, and started again once the cluster has declared it dead. A silo whose
/// process ends by itself (declared dead by the others without a kill) is started again by the engine at once, as
/// Kubernetes would, and counted.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Lane", "containers")]
[Trait("Kind", "Drill")]
public sealed class SiloChurnDrill(ITestOutputHelper output)
{
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(30);

    // A silo starts in 10-25 s here; the deadline leaves room for one start that fails and is restarted by the engine.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    // Detection takes about 2 probes of 3 s; the deadline is there for a cluster that stopped detecting at all.
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The drills' 4 s connection timeout is the outage drill's (a frozen database must be refused within 5 s), and it
    /// also bounds opening a connection, including a fresh process's first one, which loads PostgreSQL's type catalogue:
    /// under this load on a saturated machine a restarted silo could not open one in 4 s for minutes and never became
    /// Active. 15 s (the default is 30 s) lets it in; a request may then wait up to 15 s for a pooled connection.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Settings => DrillBrokerSettings.PatientConnections;

    /// <summary>5 minutes as the issue fixes it; <c>BROKER_DRILL_CHURN_SECONDS</c> shortens it for a trial run.</summary>
    private static TimeSpan Duration =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("BROKER_DRILL_CHURN_SECONDS") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 300);

    [DrillFact]
    public async Task Killing_a_silo_every_30_seconds_loses_nothing_acknowledged_and_never_overcommits()
    {
        await using var cluster = await BrokerCluster.StartAsync("churn", silos: 3, restartSilosOnFailure: true, Settings);
        var load = await DrillLoad.PrepareAsync(cluster);
        using var prober = cluster.As("platform-admin", timeout: TimeSpan.FromSeconds(3));
        var probe = new DepartmentProbe(prober, load.DepartmentCodes);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        var probing = probe.RunAsync(stop.Token);

        var kills = new List<(string Silo, DateTimeOffset At, double DeclaredDeadS, double BackActiveS)>();
        var killed = new HashSet<(string Address, int Generation)>();
        var notActiveAtTurn = 0;
        var started = DateTimeOffset.UtcNow;
        using var schedule = new PeriodicTimer(KillEvery);
        for (var round = 0; DateTimeOffset.UtcNow - started + KillEvery <= Duration; round++)
        {
            // The scenario's clock: one kill every 30 s.
            await schedule.WaitForNextTickAsync();
            var silo = cluster.Silos[round % cluster.Silos.Count];
            if (!await cluster.IsActiveAsync(silo))
            {
                // Declared dead without a kill and being started again by the engine: killed as scheduled once it is back.
                notActiveAtTurn++;
                await cluster.WaitUntilActiveAsync(silo, StartDeadline);
            }

            var generation = (await cluster.MembershipAsync()).Single(m => m.Address == silo.Address && m.Status == 3).Generation;
            killed.Add((silo.Address, generation));
            var at = DateTimeOffset.UtcNow;
            await cluster.KillAsync(silo);
            await Eventually(async () => (await cluster.MembershipAsync()).Any(m => m.Address == silo.Address && m.Generation == generation && m.Status == 6 /* Dead */), DeathDeadline);
            var dead = DateTimeOffset.UtcNow;
            await cluster.RestartAsync(silo, StartDeadline);
            kills.Add((silo.Name, at, (dead - at).TotalSeconds, (DateTimeOffset.UtcNow - at).TotalSeconds));
        }

        await Task.Delay(KillEvery); // the last kill's aftermath is part of the run
        await stop.CancelAsync();
        await Task.WhenAll(running, probing);

        // Each kill's window ends at the next kill (the rounds catch up after a slow one, so that can be under 30 s):
        // the next kill's first failures are not this one's.
        var windows = kills.Select((k, i) => (k.Silo, k.At, Until: i + 1 < kills.Count && kills[i + 1].At < k.At + KillEvery ? kills[i + 1].At : k.At + KillEvery)).ToList();
        var recoveries = windows.Select(w => probe.RecoverySeconds(w.At, w.Until)).ToList();
        // Every generation the table lists Dead that no kill ended: declared dead by the others while it was running.
        var collateral = (await cluster.MembershipAsync()).Count(m => m.Status == 6 && !killed.Contains((m.Address, m.Generation)));
        var restarts = 0L;
        foreach (var silo in cluster.Silos)
        {
            restarts += (await cluster.StateAsync(silo)).Restarts;
        }

        var findings = await Aftermath.CheckAsync(cluster, load);
        var figures = LoadFigures.Of(load);
        figures["duration_s"] = Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 0);
        figures["kills"] = kills.Count;
        figures["silos_declared_dead_without_a_kill"] = collateral;
        figures["silo_processes_ended_without_a_kill"] = restarts;
        figures["silos_not_active_at_their_turn"] = notActiveAtTurn;
        figures["declared_dead_max_s"] = Math.Round(kills.Select(k => k.DeclaredDeadS).DefaultIfEmpty(0).Max(), 1);
        figures["silo_back_active_max_s"] = Math.Round(kills.Select(k => k.BackActiveS).DefaultIfEmpty(0).Max(), 1);
        figures["departments_back_max_s"] = Math.Round(recoveries.DefaultIfEmpty(0).Max(), 1);
        figures["departments_back_median_s"] = Math.Round(recoveries.Order().ElementAtOrDefault(recoveries.Count / 2), 1);
        figures["departments_back_per_kill_s"] = new JsonArray([.. recoveries.Select(r => JsonValue.Create(Math.Round(r, 1)))]);
        figures["departments_back_within_10_s"] = recoveries.Count(r => r <= 10);
        figures["slowest_department_per_kill"] = new JsonArray([.. windows.Select(w => JsonValue.Create($"{w.Silo}: {probe.SlowestDepartment(w.At, w.Until)}"))]);
        figures["membership"] = string.Join(",", DrillBrokerSettings.Membership.Concat(Settings).Select(m => $"{m.Key.Split("__")[^1]}={m.Value}"));
        findings.AddTo(figures);
        await DrillReport.WriteAsync(output, "silo-churn", figures);

        Assert.NotEmpty(kills);
        Assert.DoesNotContain(load.Log.All, c => c.Status == 500);
        findings.AssertClean();
    }
}
