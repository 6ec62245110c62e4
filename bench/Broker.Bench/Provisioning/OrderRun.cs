namespace Broker.Bench.Provisioning;

/// <summary>One batch of orders: how many became ready, in how long (first placement to the last VM ready), how long
/// placing alone took, and the placer's answer time (p50, p99).</summary>
public sealed record OrderRun(int Count, int Ready, double Seconds, double PlacedSeconds, double PlaceP50Ms, double PlaceP99Ms)
{
    public double OrdersPerSecond => Ready / Seconds;
}
