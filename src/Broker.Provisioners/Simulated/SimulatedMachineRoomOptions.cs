namespace Broker.Provisioners.Simulated;

/// <summary>The simulated machine room: its hosts, how long operations take and how often they fail.</summary>
public sealed class SimulatedMachineRoomOptions
{
    public const string SectionName = "Broker:Provisioning:Simulated";

    /// <summary>
    /// The hosts. Left empty, the room gets <see cref="DefaultHostGroup"/>. (A non-empty default here would be merged
    /// with, not replaced by, configured groups: the binder appends to lists.)
    /// </summary>
    public List<SimulatedHostGroupOptions> HostGroups { get; set; } = [];

    /// <summary>How long a resource is <c>Pending</c> after an apply that changes it, and <c>Deleting</c> after a delete.</summary>
    public TimeSpan ProvisioningDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Chance (0..1) that an apply which changes a resource ends <c>Failed</c> once the delay has passed.</summary>
    public double FailureRate { get; set; }

    /// <summary>Seed of the failure dice: the same seed and the same sequence of calls give the same failures.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Hosts or host groups down for a time (<see cref="SimulatedOutageOptions"/>), so that the demo and the tests have real
    /// outages for the SLA's measurement to find; more can be injected at run time (<see cref="SimulatedMachineRoom.InjectOutage"/>).
    /// </summary>
    public List<SimulatedOutageOptions> Outages { get; set; } = [];

    /// <summary>Outages drawn by chance, per host and day (<see cref="RandomOutageOptions"/>); off by default.</summary>
    public RandomOutageOptions RandomOutages { get; set; } = new();

    /// <summary>Eight hosts of 64 vCPU, 512 GiB memory and 8 TiB storage, vCPU overcommitted 4:1.</summary>
    public static SimulatedHostGroupOptions DefaultHostGroup() => new()
    {
        Name = "general",
        Count = 8,
        Vcpu = 64,
        MemoryGib = 512,
        StorageGib = 8192,
        CpuOvercommit = 4.0,
    };
}
