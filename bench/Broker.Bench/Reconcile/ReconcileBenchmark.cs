using System.Diagnostics;
using Broker.Bench.Hosting;
using Broker.Bench.Quota;
using Broker.KubeStandIn;
using Broker.TestSupport.Postgres;
using k8s;

namespace Broker.Bench.Reconcile;

/// <summary>
/// What keeping thousands of ready VMs as ordered costs the broker while nobody orders anything: its Kubernetes API
/// requests per idle minute against a controller that reads every resource once a minute, and how fast it repairs
/// drift injected behind its back (VMs deleted, specs edited), all against the API server stand-in in one run.
/// </summary>
public static class ReconcileBenchmark
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(60);

    public static async Task<int> RunAsync(bool quick)
    {
        var settings = ReconcileSettings.For(quick);
        Progress("starting a durable throwaway PostgreSQL (fsync and synchronous_commit on)");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: true);
        var cpu = new CpuMeter(Path.Combine(cluster.ClusterDirectory, "data"));
        var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_reconcile");
        await using var kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions
        {
            ControllerDelay = TimeSpan.Zero,
            RunControllersInBackground = true,
        });
        var kubeconfig = await StandInKubeconfig.WriteAsync(kube);
        try
        {
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await using var broker = await ReconcileBroker.StartAsync(connectionString, kubeconfig);
            Progress($"setting up {settings.Departments} departments");
            await broker.SetUpAsync(settings);

            Progress($"creating {settings.Vms} VMs through the broker's orders ({ReconcileSettings.PerOrder} per order, {ReconcileSettings.Concurrency} orders in flight)");
            var createSeconds = await CreateAsync(broker, settings);
            if (createSeconds is null)
            {
                Progress("not every VM became ready in time");
                return 3;
            }

            Progress($"{settings.Vms} VMs ready in {createSeconds:0.0} s; settling");
            var live = await broker.LiveAsync();
            kube.Controllers.RunOnce();

            Progress($"idle for {settings.Idle.TotalMinutes:0} min with {settings.Injections} drifts injected at random moments");
            var injector = new DriftInjector(kube, client, live, seed: 14);
            var requestsBefore = kube.Requests.Entries.Count;
            var cpuBefore = cpu.Sample();
            var gateBefore = kube.GateHeld;
            var idle = Stopwatch.StartNew();
            var injecting = injector.RunAsync(settings.Injections, settings.Idle, settings.Idle + ReconcileSettings.RepairDeadline);
            await Task.Delay(settings.Idle);
            var idleMinutes = idle.Elapsed.TotalMinutes;
            var idleCpu = cpu.Sample().Minus(cpuBefore);
            var idleGate = kube.GateHeld - gateBefore;
            var idleRequests = kube.Requests.Entries.Skip(requestsBefore).ToList();
            await injecting;

            Progress($"baseline: a poller reading each of the {live.Count} VMs once over a minute");
            var pollBefore = kube.Requests.Entries.Count;
            var pollMinutes = await MinutePoller.PollAsync(client, live, ReconcileSettings.PollWindow);
            var pollRequests = kube.Requests.Entries.Skip(pollBefore).Count(r => r.Verb == "get" && r.Request.Resource == "virtualmachines");

            var ledger = await VmLedger.TakeAsync(client, await broker.LiveAsync());
            var report = new ReconcileReport(
                settings, createSeconds.Value, live.Count, idleMinutes, idleRequests, injector.Requests, idleCpu, idleGate,
                pollRequests / pollMinutes, injector.RepairSeconds, injector.Unrepaired, ledger);
            report.Print();
            return report.Problems > 0 ? 3 : 0;
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    /// <summary>Orders every VM, then waits until all are ready; the seconds it took, or null past the deadline.</summary>
    private static async Task<double?> CreateAsync(ReconcileBroker broker, ReconcileSettings settings)
    {
        var orders = settings.PerDepartment / ReconcileSettings.PerOrder;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, settings.Departments * orders), new ParallelOptions { MaxDegreeOfParallelism = ReconcileSettings.Concurrency },
            // Order ids name the resources (order-n), so they are unique across departments.
            async (i, _) => await broker.PlaceAsync(settings.Department(i % settings.Departments), $"{settings.Department(i % settings.Departments)}-o{i / settings.Departments}", ReconcileSettings.PerOrder));
        var ready = await broker.ReadyAsync();
        var reported = clock.Elapsed;
        while (ready < settings.Vms)
        {
            if (clock.Elapsed > ReadyDeadline)
            {
                return null;
            }

            if (clock.Elapsed - reported > TimeSpan.FromSeconds(30))
            {
                Progress($"{ready} of {settings.Vms} ready after {clock.Elapsed.TotalSeconds:0} s");
                reported = clock.Elapsed;
            }

            await Task.Delay(500);
            ready = await broker.ReadyAsync();
        }

        return clock.Elapsed.TotalSeconds;
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[reconcile] {DateTime.UtcNow:HH:mm:ss} {message}");
}
