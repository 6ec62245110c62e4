namespace Broker.Silo.Metering;

/// <summary>A stretch of a month rated with one card (ticks since the Unix epoch, half-open).</summary>
public readonly record struct RateSegment(long FromTicks, long ToTicks, RateCard Card);
