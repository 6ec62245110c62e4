namespace Broker.Bench.Provisioning;

/// <summary>What the stand-in process reports of itself: seconds its store's gate was held, requests by verb and resource.</summary>
public sealed record StandInStats(double GateSeconds, Dictionary<string, int> Requests);
