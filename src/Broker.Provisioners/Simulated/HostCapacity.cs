namespace Broker.Provisioners.Simulated;

/// <summary>One simulated host's capacity at the time of a snapshot.</summary>
/// <param name="Host">Host name, <c>{group}-{nn}</c>.</param>
/// <param name="Group">The configured host group it belongs to.</param>
/// <param name="Placements">How many VMs and database instances it carries, stopped VMs included.</param>
public sealed record HostCapacity(string Host, string Group, int Placements, CapacityFigures Figures);
