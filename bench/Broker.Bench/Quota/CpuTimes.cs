namespace Broker.Bench.Quota;

/// <summary>
/// CPU seconds of the harness process and of the PostgreSQL server, and how much of the harness's went to the JIT
/// (tiered recompilation still running means the warm-up was too short for the figures to be steady).
/// </summary>
public sealed record CpuTimes(double HarnessSeconds, double PostgresSeconds, double JitSeconds, long JitMethods)
{
    public CpuTimes Minus(CpuTimes earlier) =>
        new(HarnessSeconds - earlier.HarnessSeconds, PostgresSeconds - earlier.PostgresSeconds, JitSeconds - earlier.JitSeconds, JitMethods - earlier.JitMethods);
}
