namespace Broker.Provisioners.Simulated;

/// <summary>One host's books. Only <see cref="MachineRoomBooks"/> changes them, under the room's lock.</summary>
internal sealed class SimulatedHost(string name, string group, CapacityAmounts physical, double cpuOvercommit)
{
    public string Name { get; } = name;

    public string Group { get; } = group;

    public CapacityAmounts Physical { get; } = physical;

    // Rounded down: promising a fraction of a vCPU more than the ratio allows is still overcommitting.
    public CapacityAmounts Allocatable { get; } = physical with { Vcpu = (long)Math.Floor(physical.Vcpu * cpuOvercommit) };

    public CapacityAmounts Allocated { get; private set; }

    public int Placements { get; private set; }

    public CapacityAmounts Free => Allocatable - Allocated;

    public void Add(CapacityAmounts amount)
    {
        Allocated += amount;
        Placements++;
    }

    public void Remove(CapacityAmounts amount)
    {
        Allocated -= amount;
        Placements--;
    }

    public HostCapacity Snapshot() => new(Name, Group, Placements, new CapacityFigures(Physical, Allocatable, Allocated, Free));
}
