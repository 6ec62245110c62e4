namespace Broker.Bench.Provisioning;

/// <summary>One batch of orders: how many became ready, in how long (first placement to the last ready journal write),
/// how long placing alone took, and the broker's answer time to a placement.</summary>
public sealed record OrderRun(int Count, int Ready, double Seconds, double PlacedSeconds, double PlaceP50Ms, double PlaceP99Ms)
{
    public double OrdersPerSecond => Ready / Seconds;
}
