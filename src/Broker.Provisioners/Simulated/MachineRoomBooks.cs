namespace Broker.Provisioners.Simulated;

/// <summary>The hosts and what is booked on each. Not thread-safe: the room calls it under its lock.</summary>
internal sealed class MachineRoomBooks
{
    private readonly Dictionary<string, SimulatedHost> byName;

    public MachineRoomBooks(IEnumerable<SimulatedHostGroupOptions> groups)
    {
        Hosts = groups
            .SelectMany(g => Enumerable.Range(1, g.Count).Select(i => new SimulatedHost(
                $"{g.Name}-{i:D2}", g.Name, new CapacityAmounts(g.Vcpu, g.MemoryGib, g.StorageGib), g.CpuOvercommit)))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToArray();
        byName = Hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }

    /// <summary>The group of host <paramref name="host"/>; null for an unknown name.</summary>
    public string? GroupOf(string host) => byName.TryGetValue(host, out var h) ? h.Group : null;

    /// <summary>Every host, ordered by name.</summary>
    public IReadOnlyList<SimulatedHost> Hosts { get; }

    /// <summary>Where the instances would go; see <see cref="PlacementPlanner"/>. Books nothing.</summary>
    public IReadOnlyList<string> Plan(
        IReadOnlyList<string> current, CapacityAmounts currentPerInstance, CapacityAmounts perInstance, int instances, string subject) =>
        PlacementPlanner.Plan(Hosts, current, currentPerInstance, perInstance, instances, subject);

    /// <summary>Replaces one resource's booking: releases <paramref name="from"/>, books <paramref name="to"/>.</summary>
    public void Rebook(IReadOnlyList<string> from, CapacityAmounts fromPerInstance, IReadOnlyList<string> to, CapacityAmounts toPerInstance)
    {
        Release(from, fromPerInstance);
        foreach (var host in to)
        {
            byName[host].Add(toPerInstance);
        }
    }

    public void Release(IReadOnlyList<string> from, CapacityAmounts perInstance)
    {
        foreach (var host in from)
        {
            byName[host].Remove(perInstance);
        }
    }

    public MachineRoomCapacity Snapshot(DateTimeOffset now)
    {
        var hosts = Hosts.Select(h => h.Snapshot()).ToArray();
        var total = new CapacityFigures(
            Sum(hosts, f => f.Physical), Sum(hosts, f => f.Allocatable), Sum(hosts, f => f.Allocated), Sum(hosts, f => f.Free));
        return new MachineRoomCapacity(now, hosts, total);
    }

    private static CapacityAmounts Sum(IEnumerable<HostCapacity> hosts, Func<CapacityFigures, CapacityAmounts> figure) =>
        hosts.Aggregate(CapacityAmounts.Zero, (sum, h) => sum + figure(h.Figures));
}
