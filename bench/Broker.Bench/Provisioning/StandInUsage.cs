namespace Broker.Bench.Provisioning;

/// <summary>
/// The stand-in's share of a phase, for the record: its process's CPU (never counted as the broker's or the minimal
/// controller's), how long its one gate was held, and the requests it answered by verb and resource.
/// </summary>
public sealed record StandInUsage(double CpuSeconds, double GateSeconds, IReadOnlyDictionary<string, int> Requests)
{
    public int RequestCount => Requests.Values.Sum();

    public static StandInUsage Between((double Cpu, StandInStats Stats) before, (double Cpu, StandInStats Stats) after) => new(
        after.Cpu - before.Cpu,
        after.Stats.GateSeconds - before.Stats.GateSeconds,
        after.Stats.Requests
            .Select(r => (r.Key, Count: r.Value - before.Stats.Requests.GetValueOrDefault(r.Key)))
            .Where(r => r.Count > 0)
            .ToDictionary(r => r.Key, r => r.Count));
}
