using System.Diagnostics;
using Broker.Bench.Hosting;
using Broker.Bench.Quota;
using Broker.KubeStandIn;
using Broker.TestSupport.Postgres;
using k8s;

namespace Broker.Bench.Provisioning;

/// <summary>
/// VM orders end to end (placed, admitted, journalled, applied to Kubernetes, observed ready, journalled ready) through
/// the broker against the Kubernetes API server stand-in with zero controller delay, against the stand-in's raw create
/// rate for the same VirtualMachines at the same concurrency, measured in the same process and run.
/// </summary>
public static class ProvisioningBenchmark
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(5);
    private const int RawRounds = 5;

    public static async Task<int> RunAsync(bool quick)
    {
        var settings = ProvisioningSettings.For(quick);
        Progress("starting a durable throwaway PostgreSQL (fsync and synchronous_commit on)");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: true);
        var cpu = new CpuMeter(Path.Combine(cluster.ClusterDirectory, "data"));
        var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_provisioning");
        await using var kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions
        {
            ControllerDelay = TimeSpan.Zero,
            RunControllersInBackground = true,
        });
        var kubeconfig = await StandInKubeconfig.WriteAsync(kube);
        try
        {
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await using var broker = await ProvisioningBroker.StartAsync(connectionString, kubeconfig);
            Progress($"setting up {settings.Departments} departments, plan {ProvisioningSettings.PlanCode}");
            await broker.SetUpAsync(settings);

            var warmup = settings.Departments * settings.WarmupPerDepartment;
            Progress($"warm-up: {warmup} orders through the broker, {warmup} raw creates");
            await OrdersAsync(broker, settings, "w", warmup);
            var raw = await RawCreates.FromBrokerVmAsync(client, $"dept-{settings.Department(0)}", "w00000-1");
            await raw.CreateAsync("warm", warmup, settings.Concurrency);
            await raw.DeleteAllAsync();

            // The raw rate of a short burst varies from run to run (thread pool growth, GC, the stand-in's periodic
            // controller resync landing in it or not), so it is measured in several rounds and the median is the
            // baseline; the rounds are all printed. Before every timed phase the stand-in's controllers are settled, so
            // no phase pays for the work the previous one left queued.
            var rounds = new List<RawRound>();
            for (var round = 1; round <= RawRounds; round++)
            {
                Progress($"raw round {round}/{RawRounds}: {settings.Orders} VirtualMachine creates, {settings.Concurrency} in flight");
                kube.Controllers.RunOnce();
                var before = cpu.Sample();
                var gateBefore = kube.GateHeld;
                var rawSeconds = await raw.CreateAsync($"raw{round}-", settings.Orders, settings.Concurrency);
                var rawCpu = cpu.Sample().Minus(before);
                var rawGate = kube.GateHeld - gateBefore;
                rounds.Add(new RawRound(await raw.CountAsync(), rawSeconds, rawCpu, rawGate));
                await raw.DeleteAllAsync();
            }

            Progress($"broker: {settings.Orders} VM orders to ready, {settings.Concurrency} in flight");
            kube.Controllers.RunOnce();
            var requestsBefore = kube.Requests.Entries.Count;
            var brokerBefore = cpu.Sample();
            var brokerGateBefore = kube.GateHeld;
            var run = await OrdersAsync(broker, settings, "m", settings.Orders);
            var brokerCpu = cpu.Sample().Minus(brokerBefore);
            var brokerGate = kube.GateHeld - brokerGateBefore;
            var requests = kube.Requests.Entries.Skip(requestsBefore).ToList();

            var vms = await VmCensus.TakeAsync(client, settings);
            var report = new ProvisioningReport(settings, rounds, run, brokerCpu, brokerGate, requests, vms, warmup);
            report.Print();
            return report.Problems > 0 ? 3 : 0;
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    /// <summary>Places <paramref name="count"/> one-VM orders with the configured number in flight, then waits until every one is ready.</summary>
    private static async Task<OrderRun> OrdersAsync(ProvisioningBroker broker, ProvisioningSettings settings, string prefix, int count)
    {
        var latencies = new double[count];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency }, async (i, _) =>
        {
            var t = clock.Elapsed.TotalMilliseconds;
            await broker.PlaceAsync(settings.Department(i), $"{prefix}{i:00000}");
            latencies[i] = clock.Elapsed.TotalMilliseconds - t;
        });
        var placedSeconds = clock.Elapsed.TotalSeconds;

        // Polling a condition with a deadline; the end time is read from the journal, so the poll's pace adds nothing.
        var (ready, last) = await broker.ReadyAsync(prefix);
        while (ready < count && clock.Elapsed < ReadyDeadline)
        {
            await Task.Delay(20);
            (ready, last) = await broker.ReadyAsync(prefix);
        }

        var seconds = last is { } end ? Math.Max((end - started).TotalSeconds, placedSeconds) : clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new OrderRun(count, ready, seconds, placedSeconds, latencies[count / 2], latencies[Math.Min(count - 1, count * 99 / 100)]);
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[provisioning] {message}");
}
