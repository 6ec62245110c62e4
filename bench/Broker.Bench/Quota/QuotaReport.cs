using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.Bench.Quota;

/// <summary>Prints a row per run as it finishes, then the ratios, the overcommit verdict and the one-line JSON.</summary>
public sealed class QuotaReport(QuotaSettings settings)
{
    private const string RowFormat = "{0,-7} {1,-11} {2,13} {3,8} {4,8} {5,8} {6,8} {7,7} {8,11} {9,6}";
    private readonly List<RunResult> _results = [];

    public int Overcommit => _results.Sum(r => r.Overcommit);

    public int Drift => _results.Sum(r => r.Drift);

    public void PrintHeader()
    {
        Console.WriteLine($"quota admission: {settings.Clients} clients, {settings.Warmup.TotalSeconds:0} s warm-up + {settings.Duration.TotalSeconds:0} s measured per run, "
            + $"limits vcpu={settings.Limits.Vcpu} memory_gib={settings.Limits.MemoryGib} vms={settings.Limits.Vms}, {Environment.ProcessorCount} cores");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "load", "design", "admissions/s", "p50 ms", "p99 ms", "denied", "retries", "errors", "overcommit", "drift"));
    }

    public void Add(RunResult result)
    {
        _results.Add(result);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture, RowFormat, result.Workload, result.Design, result.AdmissionsPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
            result.P50Ms.ToString("0.00", CultureInfo.InvariantCulture), result.P99Ms.ToString("0.00", CultureInfo.InvariantCulture),
            result.Denied, result.Counters.Retries, result.Errors, result.Overcommit, result.Drift));
        var perAdmission = 1000.0 / Math.Max(1, result.Granted);
        Console.WriteLine(FormattableString.Invariant(
            $"        cpu: {result.Cpu.HarnessSeconds * perAdmission:0.00} ms harness + {result.Cpu.PostgresSeconds * perAdmission:0.00} ms postgres per admission, {(result.Cpu.HarnessSeconds + result.Cpu.PostgresSeconds) / result.Seconds:0.00} of {Environment.ProcessorCount} cores busy, jit {result.Cpu.JitSeconds * 1000:0} ms for {result.Cpu.JitMethods} methods"));
        if (result.Counters.JournalWrites > 0)
        {
            var c = result.Counters;
            Console.WriteLine(FormattableString.Invariant(
                $"        journal: {c.JournalWrites / result.Seconds:0} writes/s, {c.JournalEntries / c.JournalWrites:0.0} entries/write, {1000 * c.JournalWriteSeconds / c.JournalWrites:0.00} ms/write"));
        }

        foreach (var problem in new[] { result.FirstError, result.MidRun.FirstProblem, result.Final.FirstProblem }.OfType<string>())
        {
            Console.WriteLine($"        !! {problem}");
        }
    }

    public void PrintSummary()
    {
        var summary = new JsonObject
        {
            ["benchmark"] = "quota",
            ["quick"] = settings.Quick,
            ["clients"] = settings.Clients,
            ["duration_s"] = settings.Duration.TotalSeconds,
        };
        Console.WriteLine();
        foreach (var workload in _results.Select(r => r.Workload).Distinct())
        {
            var runs = _results.Where(r => r.Workload == workload).ToDictionary(r => r.Design);
            var node = new JsonObject();
            foreach (var (design, run) in runs)
            {
                node[design] = Json(run);
            }

            foreach (var baseline in new[] { "row_lock", "optimistic" })
            {
                var ratio = Ratio(runs, baseline);
                node[$"ratio_vs_{baseline}"] = ratio;
                Console.WriteLine(FormattableString.Invariant($"{workload}: broker / {baseline} = {(ratio is null ? "n/a" : ratio.Value.ToString("0.00", CultureInfo.InvariantCulture))}x admissions/s"));
            }

            summary[workload] = node;
        }

        summary["overcommit"] = Overcommit;
        summary["drift"] = Drift;
        summary["errors"] = _results.Sum(r => r.Errors);
        var hot = Ratio(_results.Where(r => r.Workload == "hot").ToDictionary(r => r.Design), "row_lock");
        var spread = Ratio(_results.Where(r => r.Workload == "spread").ToDictionary(r => r.Design), "row_lock");
        summary["targets_met"] = hot >= 5 && spread >= 1;
        Console.WriteLine(FormattableString.Invariant($"targets (hot >= 5x row_lock, spread >= 1x row_lock): {(hot >= 5 ? "met" : "MISSED")}, {(spread >= 1 ? "met" : "MISSED")}"));
        Console.WriteLine(Overcommit + Drift == 0
            ? "overcommit: none (mid-run and final checks, broker journals replayed entry by entry)"
            : $"!! OVERCOMMIT {Overcommit}, DRIFT {Drift}: a correctness bug, see the !! lines above");
        Console.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    // Null when a run is missing or admitted nothing; JSON has no NaN.
    private static double? Ratio(Dictionary<string, RunResult> runs, string baseline) =>
        runs.TryGetValue("broker", out var broker) && runs.TryGetValue(baseline, out var other) && other.AdmissionsPerSecond > 0
            ? Math.Round(broker.AdmissionsPerSecond / other.AdmissionsPerSecond, 2)
            : null;

    // A run without a single answer has no percentiles; JSON has no NaN.
    private static double? Milliseconds(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);

    private static JsonObject Json(RunResult run)
    {
        var node = new JsonObject
        {
            ["admissions_per_s"] = Math.Round(run.AdmissionsPerSecond, 1),
            ["p50_ms"] = Milliseconds(run.P50Ms),
            ["p99_ms"] = Milliseconds(run.P99Ms),
            ["granted"] = run.Granted,
            ["denied"] = run.Denied,
            ["errors"] = run.Errors,
            ["overcommit"] = run.Overcommit,
            ["drift"] = run.Drift,
            ["cpu_ms_per_admission"] = new JsonObject
            {
                ["harness"] = Math.Round(1000 * run.Cpu.HarnessSeconds / Math.Max(1, run.Granted), 3),
                ["postgres"] = Math.Round(1000 * run.Cpu.PostgresSeconds / Math.Max(1, run.Granted), 3),
            },
        };
        if (run.Design == "optimistic")
        {
            node["retries"] = run.Counters.Retries;
        }

        if (run.Counters.JournalWrites > 0)
        {
            node["journal_writes_per_s"] = Math.Round(run.Counters.JournalWrites / run.Seconds, 1);
            node["entries_per_journal_write"] = Math.Round(run.Counters.JournalEntries / run.Counters.JournalWrites, 2);
        }

        return node;
    }
}
