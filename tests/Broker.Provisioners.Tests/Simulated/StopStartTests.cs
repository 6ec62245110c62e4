using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

/// <summary>A stopped VM books only its disk; starting it re-checks the fit for vCPU and memory.</summary>
public sealed class StopStartTests
{
    [Fact]
    public async Task Stopping_a_vm_releases_its_vcpu_and_memory_but_keeps_its_disk_on_the_same_host()
    {
        var t = new TestRoom(Group("rack", 1));
        await t.Room.ApplyAsync(Vm("vm-1", vcpu: 4, memoryGib: 16, storageGib: 80));
        t.Wait();

        var stopping = await t.Room.ApplyAsync(Vm("vm-1", vcpu: 4, memoryGib: 16, storageGib: 80, running: false));

        Assert.Equal(ObservedPhase.Pending, stopping.Phase);
        Assert.Equal(new CapacityAmounts(0, 0, 80), t.Allocated("rack-01"));
        t.Wait();
        var stopped = await t.Room.ObserveAsync("vm-1");
        Assert.Equal((ObservedPhase.Stopped, "rack-01"), (stopped.Phase, stopped.Outputs["host"]));
        Assert.Equal(1, t.Room.GetCapacity().Hosts[0].Placements);
    }

    [Fact]
    public async Task Starting_a_stopped_vm_moves_it_with_its_disk_when_its_host_filled_up_meanwhile()
    {
        var t = new TestRoom(Group("rack", 2, memoryGib: 64));
        await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 40, running: false));
        Assert.Equal("rack-01", await t.HostOf("vm-1"));
        Assert.Equal("rack-01", (await t.Room.ApplyAsync(Vm("vm-2", memoryGib: 50))).Outputs["host"]);

        var started = await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 40));

        Assert.Equal("rack-02", started.Outputs["host"]);
        Assert.Equal(new CapacityAmounts(2, 50, 50), t.Allocated("rack-01"));
        Assert.Equal(new CapacityAmounts(2, 40, 50), t.Allocated("rack-02"));
        t.Wait();
        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("vm-1")).Phase);
    }

    [Fact]
    public async Task Starting_a_stopped_vm_whose_memory_was_taken_everywhere_fails_permanently_and_it_stays_stopped()
    {
        var t = new TestRoom(Group("rack", 1, memoryGib: 64));
        await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 40, running: false));
        await t.Room.ApplyAsync(Vm("vm-2", memoryGib: 40));
        t.Wait();

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-1", memoryGib: 40)));

        Assert.True(error.Permanent);
        Assert.Contains("short of memory (at most 24 GiB free on a host)", error.Message, StringComparison.Ordinal);
        Assert.Equal(ObservedPhase.Stopped, (await t.Room.ObserveAsync("vm-1")).Phase);
        Assert.Equal(new CapacityAmounts(2, 40, 100), t.Allocated("rack-01"));
    }
}
