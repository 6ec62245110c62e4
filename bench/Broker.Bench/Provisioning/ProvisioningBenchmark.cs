using Broker.Bench.Hosting;
using Broker.Bench.Quota;
using Broker.TestSupport.Postgres;
using k8s;

namespace Broker.Bench.Provisioning;

/// <summary>
/// VM orders end to end (placed, admitted, journalled, applied to Kubernetes, observed ready, journalled ready) through
/// the broker, against a minimal durable controller doing the irreducible part of the same work
/// (<see cref="MinimalController"/>), both against the Kubernetes API server stand-in with zero controller delay, in
/// the same run. The stand-in runs in a process of its own (<see cref="StandInProcess"/>), so this process's CPU is
/// the placer's and the load generator's. The two sides run one after the other, never together: the broker is
/// stopped before the minimal controller starts, so neither pays for the other's idle timers.
/// </summary>
public static class ProvisioningBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        var started = DateTimeOffset.UtcNow;
        var settings = ProvisioningSettings.For(quick);
        Progress("starting a durable throwaway PostgreSQL (fsync and synchronous_commit on)");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: true);
        var cpu = new CpuMeter(Path.Combine(cluster.ClusterDirectory, "data"));
        Progress("starting the Kubernetes stand-in in a process of its own (controller delay 0)");
        await using var kube = await StandInProcess.StartAsync();
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigPath));
        var meter = new PhaseMeter(cpu, kube, cluster.AdminConnectionString);
        var warmup = settings.Departments * settings.WarmupPerDepartment;

        ProvisioningPhase broker;
        VmCensus brokerVms;
        VmTemplate template;
        var brokerDatabase = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_provisioning");
        await using (var path = await ProvisioningBroker.StartAsync(brokerDatabase, kube.KubeconfigPath))
        {
            Progress($"broker: setting up {settings.Departments} departments, plan {BenchVm.PlanCode}");
            await path.SetUpAsync(settings);
            Progress($"broker: warm-up, {warmup} orders");
            await OrderLoad.RunAsync(path, settings, "w", warmup);
            Progress($"broker: {settings.Orders} VM orders to ready, {settings.Concurrency} in flight");
            broker = await meter.MeasureAsync(() => OrderLoad.RunAsync(path, settings, "m", settings.Orders));
            brokerVms = await VmCensus.OfBrokerAsync(client, settings);
            template = await VmTemplate.FromBrokerVmAsync(client, $"dept-{settings.Department(0)}", "w00000-1");
            Progress("broker: stopping it before the minimal controller runs");
        }

        ProvisioningPhase minimal;
        VmCensus minimalVms;
        MinimalChecks minimalChecks;
        var minimalDatabase = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_minimal");
        await using (var path = await MinimalController.StartAsync(minimalDatabase, kube.KubeconfigPath, template, settings))
        {
            Progress($"minimal controller: warm-up, {warmup} orders");
            await OrderLoad.RunAsync(path, settings, "w", warmup);
            Progress($"minimal controller: {settings.Orders} VM orders to ready, {settings.Concurrency} in flight");
            minimal = await meter.MeasureAsync(() => OrderLoad.RunAsync(path, settings, "m", settings.Orders));
            minimalVms = await VmCensus.OfMinimalAsync(client, settings);
            var (orders, quotaVms) = await path.Ledger.TallyAsync();
            minimalChecks = new MinimalChecks(orders, quotaVms, path.FailedCreates, path.WatchRestarts);
        }

        var report = new ProvisioningReport(settings, warmup, broker, brokerVms, minimal, minimalVms, minimalChecks);
        report.Print(DateTimeOffset.UtcNow - started);
        return report.Problems > 0 ? 3 : 0;
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[provisioning] {message}");
}
