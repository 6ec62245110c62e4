using System.Diagnostics;
using k8s;

namespace Broker.Bench.Reconcile;

/// <summary>
/// The baseline: a controller that reads every resource it manages once a minute (the default poll of common
/// infrastructure controllers), one GET per VirtualMachine, spread evenly over the minute.
/// </summary>
public static class MinutePoller
{
    /// <summary>Reads every VM once over <paramref name="window"/>; returns the minutes it took (more than one if the stand-in could not keep up).</summary>
    public static async Task<double> PollAsync(IKubernetes client, IReadOnlyDictionary<string, string> live, TimeSpan window)
    {
        var vms = live.ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, vms.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var due = window * ((double)i / vms.Count);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, token);
            }

            var (id, department) = vms[i];
            await client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", $"dept-{department}", "virtualmachines", id, token);
        });
        return Math.Max(clock.Elapsed.TotalMinutes, window.TotalMinutes);
    }
}
