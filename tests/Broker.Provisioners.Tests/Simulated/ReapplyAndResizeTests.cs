using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class ReapplyAndResizeTests
{
    /// <summary>vm-1 (8 GiB) on rack-01 with a 40 GiB neighbour, rack-02 with 44 GiB free.</summary>
    private static async Task<TestRoom> CrowdedRoom()
    {
        var t = new TestRoom(Group("rack", 2, vcpu: 16, memoryGib: 64));
        Assert.Equal("rack-01", (await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 8))).Outputs["host"]);
        Assert.Equal("rack-02", (await t.Room.ApplyAsync(Vm("filler-1", memoryGib: 20))).Outputs["host"]);
        Assert.Equal("rack-01", (await t.Room.ApplyAsync(Vm("filler-2", memoryGib: 40))).Outputs["host"]);
        t.Wait();
        return t;
    }

    [Fact]
    public async Task Applying_the_same_desired_state_again_books_nothing_more_and_does_not_restart_the_delay()
    {
        var t = new TestRoom(Group("rack", 2));
        var first = await t.Room.ApplyAsync(Database("db-1", 2));
        var booked = t.Room.GetCapacity();

        t.Clock.Advance(Delay / 2);
        var again = await t.Room.ApplyAsync(Database("db-1", 2));
        t.Clock.Advance(Delay / 2);

        Assert.Equal(first.Outputs, again.Outputs);
        Assert.Equal(booked.Hosts, t.Room.GetCapacity().Hosts);
        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("db-1")).Phase);
    }

    [Fact]
    public async Task A_resize_that_still_fits_stays_on_its_host_books_the_new_size_and_converges_again()
    {
        var t = await CrowdedRoom();

        var resized = await t.Room.ApplyAsync(Vm("vm-1", vcpu: 4, memoryGib: 16));

        Assert.Equal(ObservedPhase.Pending, resized.Phase);
        Assert.Equal("rack-01", resized.Outputs["host"]);
        Assert.Equal(new CapacityAmounts(6, 56, 100), t.Allocated("rack-01"));
        t.Wait();
        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("vm-1")).Phase);
    }

    [Fact]
    public async Task A_resize_that_no_longer_fits_on_its_host_moves_to_a_host_with_room()
    {
        var t = await CrowdedRoom();

        var resized = await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 30));

        Assert.Equal("rack-02", resized.Outputs["host"]);
        Assert.Equal(new CapacityAmounts(2, 40, 50), t.Allocated("rack-01"));
        Assert.Equal(new CapacityAmounts(4, 50, 100), t.Allocated("rack-02"));
    }

    [Fact]
    public async Task A_resize_that_fits_nowhere_fails_permanently_and_keeps_the_old_size_and_host()
    {
        var t = await CrowdedRoom();
        var before = t.Room.GetCapacity().Hosts;

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-1", memoryGib: 60)));

        Assert.True(error.Permanent);
        Assert.Contains("VM 'vm-1'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, t.Room.GetCapacity().Hosts);
        var observed = await t.Room.ObserveAsync("vm-1");
        Assert.Equal((ObservedPhase.Ready, "rack-01"), (observed.Phase, observed.Outputs["host"]));
    }

    [Fact]
    public async Task Growing_a_database_to_three_instances_keeps_the_primary_and_adds_two_on_other_hosts()
    {
        var t = new TestRoom(Group("rack", 4, memoryGib: 64));
        await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 4)); // rack-01 fuller, so the database starts on rack-02
        Assert.Equal("rack-02", (await t.Room.ApplyAsync(Database("db-1", 1))).Outputs["host"]);

        var grown = await t.Room.ApplyAsync(Database("db-1", 3));

        Assert.Equal("rack-02,rack-03,rack-04", grown.Outputs["placement"]);
        Assert.Equal(4, t.Room.GetCapacity().Hosts.Sum(h => h.Placements));
    }

    [Fact]
    public async Task An_id_cannot_change_kind_and_an_impossible_spec_is_refused_permanently()
    {
        var t = new TestRoom(Group("rack", 3));
        await t.Room.ApplyAsync(Vm("res-1"));

        var kind = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Database("res-1", 1)));
        var spec = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-2", vcpu: 0, memoryGib: -1)));

        Assert.True(kind.Permanent);
        Assert.Contains("'res-1' is a Vm", kind.Message, StringComparison.Ordinal);
        Assert.True(spec.Permanent);
        Assert.Contains("Vcpu and MemoryGib must be positive", spec.Message, StringComparison.Ordinal);
        Assert.Equal(1, t.Room.GetCapacity().Hosts.Sum(h => h.Placements));
    }
}
