using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class CapacityTests
{
    [Fact]
    public async Task Cpu_overcommit_multiplies_allocatable_vcpu_but_never_memory()
    {
        var t = new TestRoom(Group("rack", 1, vcpu: 16, memoryGib: 64, cpuOvercommit: 4.0));
        Assert.Equal(new CapacityAmounts(64, 64, 1000), t.Host("rack-01").Allocatable);

        for (var i = 0; i < 3; i++)
        {
            await t.Room.ApplyAsync(Vm($"vm-{i}", vcpu: 20, memoryGib: 4, storageGib: 10));
        }

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-3", vcpu: 20, memoryGib: 4, storageGib: 10)));
        Assert.Contains("short of vCPU (at most 4 free on a host)", error.Message, StringComparison.Ordinal);
        Assert.Equal(new CapacityFigures(new(16, 64, 1000), new(64, 64, 1000), new(60, 12, 30), new(4, 52, 970)), t.Host("rack-01"));
    }

    [Fact]
    public async Task The_capacity_snapshot_gives_every_host_and_totals_that_add_up()
    {
        var t = new TestRoom(Group("rack", 2, vcpu: 10, memoryGib: 64, cpuOvercommit: 2.5), Group("gpu", 1, vcpu: 8, memoryGib: 32));
        await t.Room.ApplyAsync(Database("db-1", 2, vcpu: 4, memoryGib: 16, storageGib: 100));

        var capacity = t.Room.GetCapacity();

        Assert.Equal(["gpu-01", "rack-01", "rack-02"], capacity.Hosts.Select(h => h.Host));
        Assert.Equal(new CapacityAmounts(28, 160, 3000), capacity.Total.Physical);
        Assert.Equal(new CapacityAmounts(58, 160, 3000), capacity.Total.Allocatable);
        Assert.Equal(new CapacityAmounts(8, 32, 200), capacity.Total.Allocated);
        Assert.Equal(new CapacityAmounts(50, 128, 2800), capacity.Total.Free);
        Assert.Equal(2, capacity.Hosts.Sum(h => h.Placements));
        Assert.Equal(t.Clock.GetUtcNow(), capacity.AsOf);
    }
}
