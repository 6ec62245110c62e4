using System.Collections.Concurrent;
using System.Diagnostics;
using Broker.KubeStandIn;
using k8s;
using k8s.Models;

namespace Broker.Bench.Reconcile;

/// <summary>
/// Drift behind the broker's back, straight against the stand-in as an operator with kubectl would: VMs deleted and
/// VMs given more cores, at random moments of the idle phase. Each drift is timed until the stand-in shows it repaired
/// (the VM back, or its cores back), read past HTTP so that the checking adds nothing to the request log.
/// </summary>
public sealed class DriftInjector(KubeStandIn.KubeStandIn kube, IKubernetes client, IReadOnlyDictionary<string, string> live, int seed)
{
    private const int EditedCores = 16;
    private readonly ConcurrentBag<double> _repairSeconds = [];
    private int _requests;
    private int _unrepaired;

    /// <summary>API requests the injector itself sent (subtracted from the idle phase's count).</summary>
    public int Requests => _requests;

    public IReadOnlyCollection<double> RepairSeconds => _repairSeconds;

    public int Unrepaired => _unrepaired;

    /// <summary>Injects <paramref name="count"/> drifts over <paramref name="window"/> and waits for each repair up to the deadline.</summary>
    public async Task RunAsync(int count, TimeSpan window, TimeSpan repairDeadline)
    {
        var random = new Random(seed);
        var targets = live.OrderBy(_ => random.Next()).Take(count).ToList();
        // Random moments, none in the last tenth, so that every drift's repair can land inside the window.
        var moments = targets.Select(_ => window * (random.NextDouble() * 0.9)).Order().ToList();
        var clock = Stopwatch.StartNew();
        var checks = new List<Task>();
        for (var i = 0; i < targets.Count; i++)
        {
            var wait = moments[i] - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var (id, department) = targets[i];
            checks.Add(i % 2 == 0 ? DeleteAsync(id, department, repairDeadline) : EditAsync(id, department, repairDeadline));
        }

        await Task.WhenAll(checks);
    }

    private async Task DeleteAsync(string id, string department, TimeSpan deadline)
    {
        var vm = ResourceRef.VirtualMachine($"dept-{department}", id);
        var uid = Uid(kube.Peek(vm));
        Interlocked.Increment(ref _requests);
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", vm.Namespace, "virtualmachines", id);
        await TimeRepairAsync(() => Uid(kube.Peek(vm)) is { } now && now != uid, deadline);
    }

    private async Task EditAsync(string id, string department, TimeSpan deadline)
    {
        var vm = ResourceRef.VirtualMachine($"dept-{department}", id);
        const string edit = """{"spec":{"template":{"spec":{"domain":{"cpu":{"cores":16}}}}}}""";
        Interlocked.Increment(ref _requests);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(edit, V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", vm.Namespace, "virtualmachines", id);
        await TimeRepairAsync(() => Cores(kube.Peek(vm)) is { } cores && cores != EditedCores, deadline);
    }

    /// <summary>Polls the stand-in's store every 50 ms (no API request) until <paramref name="repaired"/>; a bounded wait.</summary>
    private async Task TimeRepairAsync(Func<bool> repaired, TimeSpan deadline)
    {
        var since = Stopwatch.StartNew();
        while (!repaired())
        {
            if (since.Elapsed > deadline)
            {
                Interlocked.Increment(ref _unrepaired);
                return;
            }

            await Task.Delay(50);
        }

        _repairSeconds.Add(since.Elapsed.TotalSeconds);
    }

    private static string? Uid(System.Text.Json.Nodes.JsonObject? vm) => vm?["metadata"]?["uid"]?.GetValue<string>();

    private static int? Cores(System.Text.Json.Nodes.JsonObject? vm) => vm?["spec"]?["template"]?["spec"]?["domain"]?["cpu"]?["cores"]?.GetValue<int>();
}
