namespace Broker.Provisioners.Simulated;

/// <summary>A consistent snapshot of the simulated machine room's capacity, per host (ordered by name) and in total.</summary>
public sealed record MachineRoomCapacity(DateTimeOffset AsOf, IReadOnlyList<HostCapacity> Hosts, CapacityFigures Total);
