using Broker.Bench.Quota;

namespace Broker.Bench.Provisioning;

/// <summary>One round of raw creates: how many landed, in how long, and the CPU it took.</summary>
public sealed record RawRound(int Landed, double Seconds, CpuTimes Cpu)
{
    public double PerSecond => Landed / Seconds;
}
