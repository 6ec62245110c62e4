using Broker.Bench.Hosting;
using Broker.TestSupport.Postgres;

namespace Broker.Bench.Quota;

/// <summary>
/// Quota admission, durable and without overcommit: the broker against a row-lock and an optimistic SQL design, each
/// on its own database of one durable throwaway PostgreSQL, under a hot and a spread workload.
/// </summary>
public static class QuotaBenchmark
{
    private static readonly (string Database, Func<string, Task<IQuotaDesign>> Start)[] Designs =
    [
        ("bench_broker", async cs => await BrokerDesign.StartAsync(cs)),
        ("bench_row_lock", async cs => await RowLockDesign.CreateAsync(cs)),
        ("bench_optimistic", async cs => await OptimisticDesign.CreateAsync(cs)),
    ];

    public static async Task<int> RunAsync(bool quick)
    {
        var settings = QuotaSettings.For(quick);
        QuotaWorkload[] workloads = [QuotaWorkload.Hot(), QuotaWorkload.Spread(settings.SpreadDepartments)];
        var report = new QuotaReport(settings);

        Progress("starting a durable throwaway PostgreSQL (fsync and synchronous_commit on)");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: true);
        Progress($"PostgreSQL {cluster.BinDirectory} on 127.0.0.1:{cluster.Port}, data in {cluster.ClusterDirectory}");
        var cpu = new CpuMeter(Path.Combine(cluster.ClusterDirectory, "data"));
        report.PrintHeader();
        // One design at a time, both workloads each: a design's silo or pool is gone before the next one starts,
        // so nothing idle competes for the two cores.
        foreach (var (database, start) in Designs)
        {

            var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, database);
            await using var design = await start(connectionString);
            foreach (var workload in workloads)
            {

                Progress($"{design.Name}/{workload.Name}: creating {workload.Departments.Count} department(s)");
                await design.CreateDepartmentsAsync(workload.Departments, settings.Limits);
                Progress($"{design.Name}/{workload.Name}: {settings.Warmup.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured");
                report.Add(await LoadRunner.RunAsync(design, workload, settings, cpu));
            }
        }

        report.PrintSummary();
        return report.Overcommit + report.Drift > 0 ? 3 : 0;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[quota] {message}");
}
