using Broker.Bench.Quota;

namespace Broker.Bench.Provisioning;

/// <summary>One side's measured batch: the orders, the CPU it cost (this process and PostgreSQL), and the stand-in's share apart.</summary>
public sealed record ProvisioningPhase(OrderRun Run, CpuTimes Cpu, StandInUsage StandIn)
{
    /// <summary>CPU seconds of this process (the placer and the load generator) and of PostgreSQL, per order to ready.</summary>
    public double CpuSecondsPerOrder => (Cpu.HarnessSeconds + Cpu.PostgresSeconds) / Math.Max(1, Run.Ready);

    public double OrdersPerSecondPerCore => Run.OrdersPerSecond / Environment.ProcessorCount;
}
