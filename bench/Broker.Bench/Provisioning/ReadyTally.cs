namespace Broker.Bench.Provisioning;

/// <summary>How many of a batch's VMs are ready, and when the last of them became ready as its controller knows it.</summary>
public sealed record ReadyTally(int Ready, DateTimeOffset? Last);
