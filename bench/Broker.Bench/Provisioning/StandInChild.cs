using System.Text.Json;
using Broker.KubeStandIn;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The child side of <see cref="StandInProcess"/>: the Kubernetes API server stand-in (controller delay 0, controllers
/// in the background) in a process of its own, so its CPU is not the broker's nor the minimal controller's. It writes
/// <c>ready KUBECONFIG-PATH</c> on stdout, then answers one line per command read from stdin and exits at end of input
/// (so it never outlives the benchmark that started it).
/// </summary>
public static class StandInChild
{
    public static async Task<int> RunAsync()
    {
        await using var kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions
        {
            ControllerDelay = TimeSpan.Zero,
            RunControllersInBackground = true,
        });
        var kubeconfig = await StandInKubeconfig.WriteAsync(kube);
        try
        {
            await Console.Out.WriteLineAsync($"ready {kubeconfig}");
            while (await Console.In.ReadLineAsync() is { } command)
            {
                await Console.Out.WriteLineAsync(command switch
                {
                    StandInProcess.SettleCommand => Settle(kube),
                    StandInProcess.StatsCommand => Stats(kube),
                    _ => $"error unknown command '{command}'",
                });
            }
        }
        finally
        {
            File.Delete(kubeconfig);
        }

        return 0;
    }

    /// <summary>Runs the fake controllers until nothing changes, so that no phase pays for work the previous one left queued.</summary>
    private static string Settle(KubeStandIn.KubeStandIn kube)
    {
        kube.Controllers.RunOnce();
        return "ok";
    }

    /// <summary>How long the store's gate has been held, and the requests answered so far by verb and resource.</summary>
    private static string Stats(KubeStandIn.KubeStandIn kube) => JsonSerializer.Serialize(new StandInStats(
        kube.GateHeld.TotalSeconds,
        kube.Requests.Entries.GroupBy(r => $"{r.Verb} {r.Request.Resource}").ToDictionary(g => g.Key, g => g.Count())));
}
