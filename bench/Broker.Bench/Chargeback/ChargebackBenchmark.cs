using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Broker.Bench.Hosting;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Bench.Chargeback;

/// <summary>
/// One month's statements for every department, three ways over the same generated ledger: the broker's statement
/// engine, the hourly-sample baseline and the single SQL aggregate (the floor). Each is run three times and its fastest
/// run counts, so neither a cold cache nor a neighbour's burst on the shared cores decides. Every department's total
/// must agree with the floor's (the broker's to the fen, the hourly baseline's within a fen per line), or the run exits 3.
/// </summary>
public static class ChargebackBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        var settings = ChargebackSettings.For(quick);
        var month = MonthWindow.For(settings.Year, settings.MeasuredMonth);
        Progress("starting a throwaway PostgreSQL");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: false);
        var connectionString = await BenchBroker.CreateDatabaseAsync(cluster.AdminConnectionString, "bench_chargeback");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Progress($"generating {settings.Departments} departments, {settings.Resources} resources, {settings.Events} events over {settings.Year}");
        var load = Stopwatch.StartNew();
        var (events, intervals) = await LedgerGenerator.GenerateAsync(dataSource, settings);
        Progress(FormattableString.Invariant($"loaded {events} events and {intervals} intervals in {load.Elapsed.TotalSeconds:0.0} s"));

        Progress($"(c) SQL floor for {month.Period}");
        var (floorSeconds, floor) = await BestOfThreeAsync(() => SqlFloor.RunAsync(dataSource, month));
        Progress($"(b) hourly baseline for {month.Period}");
        long samples = 0;
        var hourlyLines = new Dictionary<string, int>();
        var (hourlySeconds, hourly) = await BestOfThreeAsync(async () =>
        {
            var (totals, lines, n) = await HourlyBaseline.RunAsync(dataSource, month);
            (hourlyLines, samples) = (lines, n);
            return totals;
        });

        Progress("(a) broker: starting a host with the broker's own registration and seeding the rate card");
        double brokerSeconds;
        Dictionary<string, decimal> broker;
        await using (var path = await BrokerStatementsPath.StartAsync(connectionString))
        {
            Progress($"(a) broker: IStatementEngine.GetAllAsync({month.Period})");
            (brokerSeconds, broker) = await BestOfThreeAsync(() => path.RunAsync(month));
        }

        // The broker and the floor both sum exact quantities (integer ticks, whole seconds) and round each line once:
        // they must agree to the fen. The hourly baseline adds up partial-hour shares as 28-digit decimals, so a line
        // whose exact amount is a half-fen tie may round the other way: at most a fen per line.
        var brokerVsFloor = Compare(broker, floor, _ => 0m);
        var hourlyVsFloor = Compare(hourly, floor, d => 0.01m * hourlyLines.GetValueOrDefault(d));
        var agree = brokerVsFloor.Outside == 0 && hourlyVsFloor.Outside == 0;

        Console.WriteLine(FormattableString.Invariant($"chargeback {month.Period}: {settings.Departments} departments, {settings.Resources} resources, {events} events, {intervals} intervals{(quick ? " (quick)" : "")}"));
        Console.WriteLine(FormattableString.Invariant($"{"path",-22}{"seconds",10}{"departments",13}{"city total CNY",20}"));
        Row("(a) broker", brokerSeconds, broker);
        Row("(b) hourly samples", hourlySeconds, hourly);
        Row("(c) SQL floor", floorSeconds, floor);
        Console.WriteLine(FormattableString.Invariant($"hourly samples rated: {samples}"));
        Console.WriteLine(FormattableString.Invariant(
            $"department totals vs floor: broker {brokerVsFloor.Differing} differ (largest {brokerVsFloor.Largest}, must be 0), hourly {hourlyVsFloor.Differing} differ (largest {hourlyVsFloor.Largest}, at most a fen per line: {hourlyVsFloor.Outside} outside)"));
        if (!agree)
        {
            Console.WriteLine($"TOTALS DISAGREE: {string.Join(", ", brokerVsFloor.Examples.Concat(hourlyVsFloor.Examples).Take(10))}");
        }

        var ratioVsHourly = hourlySeconds / brokerSeconds;
        var ratioToFloor = brokerSeconds / floorSeconds;
        var targetsMet = ratioVsHourly >= 20 && ratioToFloor <= 3;
        Console.WriteLine(FormattableString.Invariant($"targets (>= 20x hourly, <= 3x floor): {(ratioVsHourly >= 20 ? "met" : "MISSED")} ({ratioVsHourly:0.0}x), {(ratioToFloor <= 3 ? "met" : "MISSED")} ({ratioToFloor:0.00}x)"));
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "chargeback",
            ["quick"] = quick,
            ["period"] = month.Period,
            ["departments"] = settings.Departments,
            ["resources"] = settings.Resources,
            ["events"] = events,
            ["intervals"] = intervals,
            ["broker_seconds"] = Round(brokerSeconds),
            ["hourly_seconds"] = Round(hourlySeconds),
            ["floor_seconds"] = Round(floorSeconds),
            ["hourly_samples"] = samples,
            ["ratio_vs_hourly"] = Round(ratioVsHourly),
            ["ratio_to_floor"] = Round(ratioToFloor),
            ["hourly_over_floor"] = Round(hourlySeconds / floorSeconds),
            ["broker_vs_floor_max_diff"] = brokerVsFloor.Largest,
            ["hourly_vs_floor_max_diff"] = hourlyVsFloor.Largest,
            ["totals_agree"] = agree,
            ["targets_met"] = targetsMet,
        }));
        return agree ? 0 : 3;
    }

    private static async Task<(double Seconds, T Result)> BestOfThreeAsync<T>(Func<Task<T>> run)
    {
        var best = double.MaxValue;
        T result = default!;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return (best, result);
    }

    /// <summary>Departments whose totals differ at all, the largest difference, and those beyond the allowed one.</summary>
    private static (int Differing, decimal Largest, int Outside, List<string> Examples) Compare(
        Dictionary<string, decimal> path, Dictionary<string, decimal> floor, Func<string, decimal> allowed)
    {
        var (differing, largest, outside, examples) = (0, 0m, 0, new List<string>());
        foreach (var department in path.Keys.Union(floor.Keys, StringComparer.Ordinal))
        {
            var difference = Math.Abs(path.GetValueOrDefault(department) - floor.GetValueOrDefault(department));
            if (difference == 0 && path.ContainsKey(department) == floor.ContainsKey(department))
            {
                continue;
            }

            differing++;
            largest = Math.Max(largest, difference);
            if (difference > allowed(department) || path.ContainsKey(department) != floor.ContainsKey(department))
            {
                outside++;
                examples.Add(FormattableString.Invariant($"{department} {path.GetValueOrDefault(department)} vs floor {floor.GetValueOrDefault(department)}"));
            }
        }

        return (differing, largest, outside, examples);
    }

    private static void Row(string name, double seconds, Dictionary<string, decimal> totals) =>
        Console.WriteLine(FormattableString.Invariant($"{name,-22}{seconds,10:0.000}{totals.Count,13}{totals.Values.Sum(),20:0.00}"));

    private static double Round(double value) => Math.Round(value, 3);

    private static void Progress(string message) => Console.Error.WriteLine($"[chargeback] {message}");
}
