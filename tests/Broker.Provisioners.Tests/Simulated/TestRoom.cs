using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Provisioners.Tests.Simulated;

/// <summary>A simulated machine room on a fake clock, and the helpers the tests read it with.</summary>
internal sealed class TestRoom
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    public TestRoom(params SimulatedHostGroupOptions[] groups)
        : this(new SimulatedMachineRoomOptions { HostGroups = [.. groups], ProvisioningDelay = Delay })
    {
    }

    public TestRoom(SimulatedMachineRoomOptions options)
    {
        Room = new SimulatedMachineRoom(Options.Create(options), Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public SimulatedMachineRoom Room { get; }

    public static SimulatedHostGroupOptions Group(string name, int count, int vcpu = 16, int memoryGib = 64, int storageGib = 1000, double cpuOvercommit = 1.0) =>
        new() { Name = name, Count = count, Vcpu = vcpu, MemoryGib = memoryGib, StorageGib = storageGib, CpuOvercommit = cpuOvercommit };

    public static DesiredResource Vm(string id, int vcpu = 2, int memoryGib = 8, int storageGib = 50, bool running = true) =>
        new(id, WorkloadKind.Vm, "housing-fund", "hf-portal", "vm-standard", 1, "silver", "extranet", vcpu, memoryGib, storageGib, running, Image: "debian-12");

    public static DesiredResource Database(string id, int instances, int vcpu = 2, int memoryGib = 8, int storageGib = 50) =>
        new(id, WorkloadKind.Database, "housing-fund", "hf-portal", "pg-ha", 1, "gold", "extranet", vcpu, memoryGib, storageGib, true,
            DatabaseName: "portal", EngineVersion: "17", Instances: instances, BackupRetentionDays: 7, ConnectionLimit: 100);

    public CapacityFigures Host(string name) => Room.GetCapacity().Hosts.Single(h => h.Host == name).Figures;

    public CapacityAmounts Allocated(string host) => Host(host).Allocated;

    public async Task<string> HostOf(string resourceId) => (await Room.ObserveAsync(resourceId)).Outputs["host"];

    /// <summary>Lets the provisioning (or deletion) delay pass.</summary>
    public void Wait() => Clock.Advance(Delay);

    public static void AssertNoHostOverAllocated(MachineRoomCapacity capacity)
    {
        foreach (var host in capacity.Hosts)
        {
            Assert.True(host.Figures.Allocated.FitsWithin(host.Figures.Allocatable), $"{host.Host} over-allocated: {host.Figures.Allocated} of {host.Figures.Allocatable}");
            Assert.True(CapacityAmounts.Zero.FitsWithin(host.Figures.Allocated), $"{host.Host} has a negative allocation: {host.Figures.Allocated}");
        }
    }
}
