namespace Broker.Bench.Quota;

/// <summary>One design under one workload: throughput and latency over the window, and the overcommit checks.</summary>
public sealed record RunResult(
    string Workload,
    string Design,
    double Seconds,
    long Granted,
    long Denied,
    long Errors,
    string? FirstError,
    double P50Ms,
    double P99Ms,
    DesignCounters Counters,
    CpuTimes Cpu,
    QuotaAudit MidRun,
    QuotaAudit Final)
{
    public double AdmissionsPerSecond => Granted / Seconds;

    public int Overcommit => MidRun.Overcommitted + Final.Overcommitted;

    public int Drift => MidRun.Drifted + Final.Drifted;
}
