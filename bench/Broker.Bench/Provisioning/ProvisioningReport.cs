using System.Globalization;
using System.Text.Json.Nodes;

namespace Broker.Bench.Provisioning;

/// <summary>Prints both sides, where their Kubernetes calls went, the correctness checks, and last the one-line JSON.</summary>
public sealed class ProvisioningReport(
    ProvisioningSettings settings, int warmup, ProvisioningPhase broker, VmCensus brokerVms, ProvisioningPhase minimal, VmCensus minimalVms, MinimalChecks minimalChecks)
{
    public const double CpuTarget = 0.5;
    public const double P99Target = 0.33;

    private readonly List<string> _problems = [];

    public int Problems => _problems.Count;

    /// <summary>The minimal controller's CPU per order to ready over the broker's: 1 would be the broker at the floor.</summary>
    public double CpuRatio => broker.CpuSecondsPerOrder > 0 ? minimal.CpuSecondsPerOrder / broker.CpuSecondsPerOrder : 0;

    /// <summary>The minimal controller's p99 placement (its one transaction) over the broker's p99 placement.</summary>
    public double P99Ratio => broker.Run.PlaceP99Ms > 0 ? minimal.Run.PlaceP99Ms / broker.Run.PlaceP99Ms : 0;

    public void Print(TimeSpan took)
    {
        var expected = settings.Orders + warmup;
        CheckSide("broker", broker, brokerVms, expected);
        CheckSide("minimal", minimal, minimalVms, expected);
        Check(minimalChecks.Orders == expected && minimalChecks.QuotaVms == expected,
            $"minimal: {minimalChecks.Orders} orders recorded and {minimalChecks.QuotaVms} VMs in quota for {expected} placed");
        Check(minimalChecks.FailedCreates == 0, $"minimal: {minimalChecks.FailedCreates} creates refused");

        Console.WriteLine(FormattableString.Invariant(
            $"provisioning: {settings.Orders} one-VM orders per side, {settings.Concurrency} in flight, {settings.Departments} departments, stand-in controller delay 0 (own process), {Environment.ProcessorCount} cores"));
        Line("broker ", broker);
        Line("minimal", minimal);
        Console.WriteLine(FormattableString.Invariant(
            $"cpu per order, minimal / broker = {CpuRatio:0.00} (target >= {CpuTarget}: {Verdict(CpuRatio >= CpuTarget)}); p99 placement, minimal / broker = {P99Ratio:0.00} (target >= {P99Target}: {Verdict(P99Ratio >= P99Target)})"));
        foreach (var problem in _problems)
        {
            Console.WriteLine($"!! {problem}");
        }

        Console.Error.WriteLine(FormattableString.Invariant($"[provisioning] took {took.TotalSeconds:0} s"));
        var summary = new JsonObject
        {
            ["benchmark"] = "provisioning",
            ["quick"] = settings.Quick,
            ["count"] = settings.Orders,
            ["concurrency"] = settings.Concurrency,
            ["departments"] = settings.Departments,
            // Rates and latencies depend on the cores (the broker's rate is bound by CPU): they are part of the result.
            ["cores"] = Environment.ProcessorCount,
            ["cpu_ratio_vs_minimal"] = Math.Round(CpuRatio, 3),
            ["p99_ratio_vs_minimal"] = Math.Round(P99Ratio, 3),
            ["orders_per_s"] = Math.Round(broker.Run.OrdersPerSecond, 1),
            ["orders_per_s_per_core"] = Math.Round(broker.OrdersPerSecondPerCore, 1),
            ["broker"] = Side(broker),
            ["minimal"] = Side(minimal),
            ["minimal_watch_restarts"] = minimalChecks.WatchRestarts,
            ["seconds"] = Math.Round(took.TotalSeconds),
            ["problems"] = Problems,
            ["cpu_target_met"] = CpuRatio >= CpuTarget,
            ["p99_target_met"] = P99Ratio >= P99Target,
        };
        Console.WriteLine(summary.ToJsonString());
    }

    private void CheckSide(string side, ProvisioningPhase phase, VmCensus vms, int expected)
    {
        Check(phase.Run.Ready == settings.Orders, $"{side}: {phase.Run.Ready} of {settings.Orders} orders ready within the deadline");
        Check(vms.Objects >= expected, $"{side}: {vms.Objects} VirtualMachines for {expected} orders ({expected - vms.Objects} missing)");
        Check(vms.DistinctResources == vms.Objects, $"{side}: {vms.Objects - vms.DistinctResources} duplicate VirtualMachines");
        Check(vms.DistinctResources <= expected, $"{side}: {vms.DistinctResources} VirtualMachines for {expected} orders");
        Check(vms.Ready == vms.Objects, $"{side}: {vms.Objects - vms.Ready} VirtualMachines never ready");
    }

    private void Line(string side, ProvisioningPhase phase)
    {
        var run = phase.Run;
        Console.WriteLine(FormattableString.Invariant(
            $"{side} to ready {run.OrdersPerSecond,8:0.0}/s ({phase.OrdersPerSecondPerCore:0.0}/s per core)  {run.Seconds,6:0.00} s   cpu {Ms(phase.Cpu.HarnessSeconds, run.Ready)} ms process + {Ms(phase.Cpu.PostgresSeconds, run.Ready)} ms postgres per order (stand-in apart: {Ms(phase.StandIn.CpuSeconds, run.Ready)} ms)   placing p50 {run.PlaceP50Ms:0.0} ms, p99 {run.PlaceP99Ms:0.0} ms"));
        var perOrder = phase.StandIn.Requests
            .OrderByDescending(r => r.Value)
            .Select(r => FormattableString.Invariant($"{r.Key} {(double)r.Value / settings.Orders:0.00}"));
        Console.WriteLine($"        kubernetes requests per order: {string.Join(", ", perOrder)}");
    }

    private JsonObject Side(ProvisioningPhase phase) => new()
    {
        ["orders_per_s"] = Math.Round(phase.Run.OrdersPerSecond, 1),
        ["orders_per_s_per_core"] = Math.Round(phase.OrdersPerSecondPerCore, 1),
        ["seconds"] = Math.Round(phase.Run.Seconds, 2),
        ["cpu_ms_per_order"] = Math.Round(1000 * phase.CpuSecondsPerOrder, 2),
        ["cpu_ms_per_order_process"] = Math.Round(PerUnitMs(phase.Cpu.HarnessSeconds, phase.Run.Ready), 2),
        ["cpu_ms_per_order_postgres"] = Math.Round(PerUnitMs(phase.Cpu.PostgresSeconds, phase.Run.Ready), 2),
        ["place_p50_ms"] = Math.Round(phase.Run.PlaceP50Ms, 1),
        ["place_p99_ms"] = Math.Round(phase.Run.PlaceP99Ms, 1),
        // For the record only, counted on neither side: the stand-in's work, which differs with what each side asks of it.
        ["standin_cpu_ms_per_order"] = Math.Round(PerUnitMs(phase.StandIn.CpuSeconds, phase.Run.Ready), 2),
        ["standin_gate_ms_per_order"] = Math.Round(PerUnitMs(phase.StandIn.GateSeconds, phase.Run.Ready), 2),
        ["kube_requests_per_order"] = Math.Round((double)phase.StandIn.RequestCount / settings.Orders, 2),
    };

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static double PerUnitMs(double seconds, int count) => 1000 * seconds / Math.Max(1, count);

    private static string Ms(double seconds, int count) => PerUnitMs(seconds, count).ToString("0.00", CultureInfo.InvariantCulture);

    private void Check(bool ok, string problem)
    {
        if (!ok)
        {
            _problems.Add(problem);
        }
    }
}
