using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Broker.Bench.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Bench.Imports;

/// <summary>
/// Usage imports at 1x and 4x a file size, CSV and JSON, through the store the upload endpoint calls (the file in a
/// memory stream, as the endpoint holds it). Linear parsing shows as a records/s ratio near 1 between the two sizes
/// (a quadratic step would divide it by about 4). Each file is imported twice: the second must insert nothing (the
/// idempotency the store promises), or the run exits 3.
/// </summary>
public static class ImportsBenchmark
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(bool quick)
    {
        var baseRecords = quick ? 20_000 : 50_000;
        Progress("starting a throwaway PostgreSQL");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: false);
        var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_imports");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await SeedAsync(dataSource);
        var store = new UsageImportStore(dataSource, new RateCardStore(dataSource));

        var runs = new List<Run>();
        var correct = true;
        foreach (var format in new[] { "csv", "json" })
        {
            foreach (var scale in new[] { 1, 4 })
            {
                var records = baseRecords * scale;
                var file = UsageFile.Generate(format, records, $"{format}{scale}");
                Progress(FormattableString.Invariant($"{format} x{scale}: {records} records, {file.Length / 1_048_576.0:0.0} MB"));
                var run = await ImportAsync(store, format, file, records);
                runs.Add(run);
                correct &= run.Correct;
                Console.WriteLine(FormattableString.Invariant(
                    $"{format,-5} x{scale}  {records,8} records  {run.Megabytes,6:0.0} MB  {run.Seconds,7:0.00} s  {run.RecordsPerSecond,10:0} records/s  heap peak +{run.PeakHeapGrowthPerFileByte,4:0.0}x the file (allocated {run.AllocatedPerFileByte,4:0.0}x, mostly short-lived)  again: {run.InsertedAgain} inserted"));
            }
        }

        double Rate(string format, int scale) => runs.Single(r => r.Format == format && r.Scale == scale).RecordsPerSecond;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "imports",
            ["quick"] = quick,
            ["records_1x"] = baseRecords,
            ["records_4x"] = baseRecords * 4,
            ["csv_records_per_s_1x"] = Math.Round(Rate("csv", 1)),
            ["csv_records_per_s_4x"] = Math.Round(Rate("csv", 4)),
            ["csv_ratio_4x_vs_1x"] = Math.Round(Rate("csv", 4) / Rate("csv", 1), 2),
            ["json_records_per_s_1x"] = Math.Round(Rate("json", 1)),
            ["json_records_per_s_4x"] = Math.Round(Rate("json", 4)),
            ["json_ratio_4x_vs_1x"] = Math.Round(Rate("json", 4) / Rate("json", 1), 2),
            ["max_heap_peak_growth_per_file_byte"] = Math.Round(runs.Max(r => r.PeakHeapGrowthPerFileByte), 2),
            ["max_allocated_per_file_byte"] = Math.Round(runs.Max(r => r.AllocatedPerFileByte), 1),
            ["idempotent"] = correct,
        }));
        return correct ? 0 : 3;

        async Task<Run> ImportAsync(UsageImportStore imports, string format, byte[] file, int records)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            using var sampling = new CancellationTokenSource();
            var peak = Task.Run(async () =>
            {
                // The heap's high-water mark while the import runs (garbage not yet collected included, so an upper bound).
                var max = 0L;
                while (!sampling.IsCancellationRequested)
                {
                    max = Math.Max(max, GC.GetTotalMemory(forceFullCollection: false));
                    await Task.Delay(2);
                }

                return max;
            });
            var clock = Stopwatch.StartNew();
            var first = await imports.ImportAsync(format, new MemoryStream(file, writable: false), "bench", "bench", At);
            var seconds = clock.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            var peakGrowth = (await peak - heapBefore) / (double)file.Length;
            var perByte = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)file.Length;
            var again = await imports.ImportAsync(format, new MemoryStream(file, writable: false), "bench", "bench", At);
            var scale = records / baseRecords;
            return new Run(format, scale, file.Length / 1_048_576.0, seconds, records / seconds, perByte, peakGrowth, again.Inserted,
                first.Accepted && first.Inserted == records && again.Accepted && again.Inserted == 0 && again.Duplicates == records);
        }
    }

    private static async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        await using (var command = dataSource.CreateCommand("""
            insert into broker.departments (code, name_zh, name_en, status, created_at, updated_at) values ('bench', '基准局', 'Bench', 'active', now(), now());
            insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
            values ('bench', 'core', 'bench', 'business-application', 2, 'approved', 'extranet', 'department', true, 1, '{}'::jsonb, now(), now());
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var prices = new RateCardPrices(0.05m, 0.01m, 0.3m, ["storage"], new Dictionary<string, decimal>(),
            new Dictionary<string, MeterPrice> { ["uplink-mbps"] = new("Mbps-month", 12.5m) },
            new Dictionary<string, decimal> { ["bronze"] = 1m, ["silver"] = 1.2m, ["gold"] = 1.5m });
        var (card, _) = await new RateCardStore(dataSource).CreateAsync(new RateCardDraft(new DateOnly(2026, 1, 1), null, prices, "bench"), "bench", "bench", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        if (card is null)
        {
            throw new InvalidOperationException("the bench rate card was refused");
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[imports] {message}");

    private sealed record Run(
        string Format, int Scale, double Megabytes, double Seconds, double RecordsPerSecond, double AllocatedPerFileByte, double PeakHeapGrowthPerFileByte, int InsertedAgain, bool Correct);
}
