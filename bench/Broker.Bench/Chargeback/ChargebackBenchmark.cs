using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Bench.Chargeback;

/// <summary>
/// One month's statements for every department, three ways over the same generated ledger: the broker's statement
/// engine, the hourly-sample baseline and the single SQL aggregate (the floor). Each is run twice and its faster run
/// counts, so a cold cache does not decide. The baseline and the floor must agree on every department's total.
/// </summary>
public static class ChargebackBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        var settings = ChargebackSettings.For(quick);
        var month = MonthWindow.For(settings.Year, settings.MeasuredMonth);
        Progress("starting a throwaway PostgreSQL");
        await using var cluster = await PostgresServer.StartThrowawayAsync(durable: false);
        var connectionString = await CreateDatabaseAsync(cluster.AdminConnectionString, "bench_chargeback");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Progress($"generating {settings.Departments} departments, {settings.Resources} resources, {settings.Events} events over {settings.Year}");
        var load = Stopwatch.StartNew();
        var (events, intervals) = await LedgerGenerator.GenerateAsync(dataSource, settings);
        Progress(FormattableString.Invariant($"loaded {events} events and {intervals} intervals in {load.Elapsed.TotalSeconds:0.0} s"));

        Progress($"(c) SQL floor for {month.Period}");
        var (floorSeconds, floor) = await BestOfTwoAsync(() => SqlFloor.RunAsync(dataSource, month));
        Progress($"(b) hourly baseline for {month.Period}");
        long samples = 0;
        var (hourlySeconds, hourly) = await BestOfTwoAsync(async () =>
        {
            var (totals, n) = await HourlyBaseline.RunAsync(dataSource, month);
            samples = n;
            return totals;
        });

        Progress("(a) broker: starting a host with the broker's own registration");
        double? brokerSeconds = null;
        Dictionary<string, decimal>? broker = null;
        await using (var path = await BrokerStatementsPath.StartAsync(connectionString))
        {
            if (path.Engine is null)
            {
                Progress("(a) no IStatementEngine registered in this build: the broker path is skipped until metering is merged");
            }
            else
            {
                (brokerSeconds, broker) = await BestOfTwoAsync(() => path.RunAsync(month));
            }
        }

        var hourlyVsFloor = MaxDifference(hourly, floor);
        var brokerVsFloor = broker is null ? (decimal?)null : MaxDifference(broker, floor);
        // A fen per line of difference at most: the baseline sums hour shares, the floor whole spans.
        var agree = hourlyVsFloor <= 0.05m && (brokerVsFloor is null || brokerVsFloor <= 0.05m);

        Console.WriteLine(FormattableString.Invariant($"chargeback {month.Period}: {settings.Departments} departments, {settings.Resources} resources, {events} events, {intervals} intervals{(quick ? " (quick)" : "")}"));
        Console.WriteLine(FormattableString.Invariant($"{"path",-22}{"seconds",10}{"departments",13}{"city total CNY",20}"));
        Row("(a) broker", brokerSeconds, broker);
        Row("(b) hourly samples", hourlySeconds, hourly);
        Row("(c) SQL floor", floorSeconds, floor);
        Console.WriteLine(FormattableString.Invariant($"hourly samples rated: {samples}; largest department difference vs floor: hourly {hourlyVsFloor}, broker {(brokerVsFloor?.ToString(CultureInfo.InvariantCulture) ?? "n/a")}"));
        double? ratioVsHourly = brokerSeconds is { } b1 ? hourlySeconds / b1 : null;
        double? ratioToFloor = brokerSeconds is { } b2 ? b2 / floorSeconds : null;
        Console.WriteLine(brokerSeconds is null
            ? "targets (>= 20x hourly, <= 3x floor): not measured, the broker path is not wired yet"
            : FormattableString.Invariant($"targets (>= 20x hourly, <= 3x floor): {(ratioVsHourly >= 20 ? "met" : "MISSED")}, {(ratioToFloor <= 3 ? "met" : "MISSED")}"));
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["benchmark"] = "chargeback",
            ["quick"] = quick,
            ["period"] = month.Period,
            ["departments"] = settings.Departments,
            ["resources"] = settings.Resources,
            ["events"] = events,
            ["intervals"] = intervals,
            ["broker_wired"] = brokerSeconds is not null,
            ["broker_seconds"] = Round(brokerSeconds),
            ["hourly_seconds"] = Round(hourlySeconds),
            ["floor_seconds"] = Round(floorSeconds),
            ["hourly_samples"] = samples,
            ["ratio_vs_hourly"] = Round(ratioVsHourly),
            ["ratio_to_floor"] = Round(ratioToFloor),
            ["hourly_over_floor"] = Round(hourlySeconds / floorSeconds),
            ["totals_agree"] = agree,
        }));
        return agree ? 0 : 3;
    }

    private static async Task<(double Seconds, T Result)> BestOfTwoAsync<T>(Func<Task<T>> run)
    {
        var best = double.MaxValue;
        T result = default!;
        for (var i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return (best, result);
    }

    private static decimal MaxDifference(Dictionary<string, decimal> a, Dictionary<string, decimal> b) =>
        a.Keys.Union(b.Keys).Select(k => Math.Abs(a.GetValueOrDefault(k) - b.GetValueOrDefault(k))).DefaultIfEmpty(0m).Max();

    private static void Row(string name, double? seconds, Dictionary<string, decimal>? totals) =>
        Console.WriteLine(FormattableString.Invariant(
            $"{name,-22}{(seconds is null ? "n/a" : seconds.Value.ToString("0.000", CultureInfo.InvariantCulture)),10}{(totals?.Count.ToString(CultureInfo.InvariantCulture) ?? "n/a"),13}{(totals?.Values.Sum().ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"),20}"));

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3);

    private static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[chargeback] {message}");
}
