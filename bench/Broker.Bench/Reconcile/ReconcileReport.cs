using System.Globalization;
using System.Text.Json;
using Broker.Bench.Quota;
using Broker.KubeStandIn.Requests;

namespace Broker.Bench.Reconcile;

/// <summary>The run's figures: a table on stdout, then the one-line JSON summary.</summary>
public sealed record ReconcileReport(
    ReconcileSettings Settings,
    double CreateSeconds,
    int LiveVms,
    double IdleMinutes,
    IReadOnlyList<LoggedRequest> IdleRequests,
    int InjectorRequests,
    CpuTimes IdleCpu,
    TimeSpan IdleGate,
    double PollRequestsPerMinute,
    IReadOnlyCollection<double> RepairSeconds,
    int Unrepaired,
    VmLedger Ledger)
{
    public int Problems => Ledger.Problems + Unrepaired + (RepairSeconds.Count + Unrepaired < Settings.Injections ? 1 : 0);

    private double BrokerRequestsPerMinute => (IdleRequests.Count - InjectorRequests) / IdleMinutes;

    public void Print()
    {
        var perThousand = 1000.0 / LiveVms;
        var ratio = BrokerRequestsPerMinute / PollRequestsPerMinute;
        var p50 = Percentile(0.50);
        var p99 = Percentile(0.99);
        Console.WriteLine($"ready VMs {LiveVms} over {Settings.Departments} departments, created in {CreateSeconds:0.0} s ({LiveVms / CreateSeconds:0.0} VMs/s)");
        Console.WriteLine($"idle {IdleMinutes:0.00} min: {IdleRequests.Count - InjectorRequests} broker requests ({BrokerRequestsPerMinute:0.0}/min), {InjectorRequests} injected");
        foreach (var group in IdleRequests.GroupBy(r => $"{r.Verb} {r.Request.Resource}").OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {group.Key,-40} {group.Count(),8}");
        }

        Console.WriteLine($"poller: {PollRequestsPerMinute:0.0} requests/min; ratio {ratio:0.0000} (target <= 0.05)");
        Console.WriteLine($"drift: {RepairSeconds.Count} repaired, {Unrepaired} not; repair p50 {p50:0.00} s, p99 {p99:0.00} s (target <= 10)");
        Console.WriteLine($"idle CPU per minute per 1,000 VMs: process {IdleCpu.HarnessSeconds / IdleMinutes * perThousand:0.000} s (broker and stand-in), PostgreSQL {IdleCpu.PostgresSeconds / IdleMinutes * perThousand:0.000} s; stand-in gate held {IdleGate.TotalSeconds / IdleMinutes:0.0} s/min");
        Console.WriteLine($"ledger: {Ledger.Objects} VMs, {Ledger.Duplicates} duplicate, {Ledger.Missing} missing, {Ledger.WrongSpec} wrong spec, {Ledger.Extra} extra");
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["benchmark"] = "reconcile",
            ["quick"] = Settings.Quick,
            ["vms"] = LiveVms,
            ["departments"] = Settings.Departments,
            ["requests_ratio_vs_poll"] = Round(ratio, 4),
            ["broker_requests_per_idle_minute"] = Round(BrokerRequestsPerMinute, 1),
            ["poll_requests_per_minute"] = Round(PollRequestsPerMinute, 1),
            ["drift_repair_p99_seconds"] = Round(p99, 2),
            ["drift_repair_p50_seconds"] = Round(p50, 2),
            ["drifts_injected"] = Settings.Injections,
            ["drifts_unrepaired"] = Unrepaired,
            ["idle_minutes"] = Round(IdleMinutes, 2),
            ["cpu_s_per_idle_minute_per_1000_vms"] = Round(IdleCpu.HarnessSeconds / IdleMinutes * perThousand, 3),
            ["cpu_s_per_idle_minute_per_1000_vms_postgres"] = Round(IdleCpu.PostgresSeconds / IdleMinutes * perThousand, 3),
            ["create_seconds"] = Round(CreateSeconds, 1),
            ["cores"] = Environment.ProcessorCount,
            ["problems"] = Problems,
        }));
    }

    private double Percentile(double p)
    {
        var sorted = RepairSeconds.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : -1;
}
