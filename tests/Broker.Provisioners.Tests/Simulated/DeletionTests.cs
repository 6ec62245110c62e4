using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class DeletionTests
{
    [Fact]
    public async Task A_deleted_resource_is_deleting_and_keeps_its_capacity_until_the_delay_has_passed_then_absent_and_freed()
    {
        var t = new TestRoom(Group("rack", 3));
        await t.Room.ApplyAsync(Database("db-1", 3));
        t.Wait();

        var deleting = await t.Room.DeleteAsync("db-1");

        Assert.Equal(ObservedPhase.Deleting, deleting.Phase);
        Assert.Equal(new CapacityAmounts(6, 24, 150), t.Room.GetCapacity().Total.Allocated);
        t.Wait();
        Assert.Equal(ObservedPhase.Absent, (await t.Room.ObserveAsync("db-1")).Phase);
        Assert.Equal(CapacityAmounts.Zero, t.Room.GetCapacity().Total.Allocated);
        Assert.All(t.Room.GetCapacity().Hosts, h => Assert.Equal(0, h.Placements));
    }

    [Fact]
    public async Task Deleting_again_neither_restarts_the_deletion_nor_fails_once_it_is_gone()
    {
        var t = new TestRoom(Group("rack", 1));
        await t.Room.ApplyAsync(Vm("vm-1"));
        await t.Room.DeleteAsync("vm-1");
        t.Clock.Advance(Delay / 2);

        Assert.Equal(ObservedPhase.Deleting, (await t.Room.DeleteAsync("vm-1")).Phase);
        t.Clock.Advance(Delay / 2);
        Assert.Equal(ObservedPhase.Absent, (await t.Room.ObserveAsync("vm-1")).Phase);
        Assert.Equal(ObservedPhase.Absent, (await t.Room.DeleteAsync("vm-1")).Phase);
        Assert.Equal(CapacityAmounts.Zero, t.Allocated("rack-01"));
    }

    [Fact]
    public async Task An_id_the_room_never_saw_is_absent_whether_observed_or_deleted()
    {
        var t = new TestRoom(Group("rack", 1));

        var observed = await t.Room.ObserveAsync("nobody");
        var deleted = await t.Room.DeleteAsync("nobody");

        Assert.Equal((ObservedPhase.Absent, 0), (observed.Phase, observed.Outputs.Count));
        Assert.Equal(ObservedPhase.Absent, deleted.Phase);
        Assert.Equal(ObservedPhase.Absent, (await t.Room.ObserveAsync("nobody")).Phase);
    }

    [Fact]
    public async Task Applying_an_id_still_being_deleted_fails_transiently_and_works_once_it_is_gone()
    {
        var t = new TestRoom(Group("rack", 1));
        await t.Room.ApplyAsync(Vm("vm-1"));
        await t.Room.DeleteAsync("vm-1");

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-1")));

        Assert.False(error.Permanent);
        Assert.Contains("still being deleted", error.Message, StringComparison.Ordinal);
        t.Wait();
        Assert.Equal(ObservedPhase.Pending, (await t.Room.ApplyAsync(Vm("vm-1"))).Phase);
        Assert.Equal(new CapacityAmounts(2, 8, 50), t.Allocated("rack-01"));
    }

    [Fact]
    public async Task Freed_capacity_can_be_placed_again_and_a_failed_resource_holds_its_capacity_until_deleted()
    {
        var t = new TestRoom(new SimulatedMachineRoomOptions { HostGroups = [Group("rack", 1, memoryGib: 64)], ProvisioningDelay = Delay, FailureRate = 1.0 });
        await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 64));
        t.Wait();
        Assert.Equal(ObservedPhase.Failed, (await t.Room.ObserveAsync("vm-1")).Phase);
        await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-2", memoryGib: 64)));

        await t.Room.DeleteAsync("vm-1");
        t.Wait();

        Assert.Equal("rack-01", (await t.Room.ApplyAsync(Vm("vm-2", memoryGib: 64))).Outputs["host"]);
    }
}
