using Broker.Bench.Quota;

namespace Broker.Bench.Provisioning;

/// <summary>One round of raw creates: how many landed, in how long, the CPU it took and how long the stand-in's gate was held.</summary>
public sealed record RawRound(int Landed, double Seconds, CpuTimes Cpu, TimeSpan GateHeld)
{
    public double PerSecond => Landed / Seconds;
}
