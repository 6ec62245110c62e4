using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class PlacementTests
{
    [Fact]
    public async Task A_vm_goes_to_the_host_with_the_most_free_memory_even_when_another_sorts_first()
    {
        var t = new TestRoom(Group("compact", 1, memoryGib: 64), Group("large", 1, memoryGib: 128));

        var observed = await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 8));

        Assert.Equal("large-01", observed.Outputs["host"]);
        Assert.Equal(new CapacityAmounts(2, 8, 50), t.Allocated("large-01"));
        Assert.Equal(CapacityAmounts.Zero, t.Allocated("compact-01"));
    }

    [Fact]
    public async Task Ties_on_free_memory_go_to_the_first_host_by_name_so_placements_repeat_exactly()
    {
        var placements = new List<string[]>();
        for (var run = 0; run < 2; run++)
        {
            var t = new TestRoom(Group("rack", 3));
            var hosts = new List<string>();
            foreach (var id in new[] { "vm-1", "vm-2", "vm-3", "vm-4" })
            {
                hosts.Add((await t.Room.ApplyAsync(Vm(id, memoryGib: 8))).Outputs["host"]);
            }

            placements.Add([.. hosts]);
        }

        // All free: rack-01 wins the tie; then the two untouched hosts have more free memory; then all tie again.
        Assert.Equal(["rack-01", "rack-02", "rack-03", "rack-01"], placements[0]);
        Assert.Equal(placements[0], placements[1]);
    }

    [Fact]
    public async Task The_three_instances_of_an_ha_database_land_on_three_distinct_hosts()
    {
        var t = new TestRoom(Group("rack", 4, memoryGib: 256));
        await t.Room.ApplyAsync(Vm("vm-big", memoryGib: 200)); // rack-01 now has the least free memory

        var observed = await t.Room.ApplyAsync(Database("db-ha", 3, memoryGib: 32));

        var hosts = observed.Outputs["placement"].Split(',');
        Assert.Equal(["rack-02", "rack-03", "rack-04"], hosts);
        Assert.Equal(hosts[0], observed.Outputs["host"]);
        Assert.All(hosts, h => Assert.Equal(new CapacityAmounts(2, 32, 50), t.Allocated(h)));
    }

    [Fact]
    public async Task An_ha_database_with_more_instances_than_hosts_fails_permanently_and_books_nothing()
    {
        var t = new TestRoom(Group("rack", 2, memoryGib: 512));
        var before = t.Room.GetCapacity().Total;

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Database("db-ha", 3)));

        Assert.True(error.Permanent);
        Assert.Contains("database 'db-ha' instance 3 of 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("distinct hosts", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, t.Room.GetCapacity().Total); // the two instances that did fit were not left behind
        Assert.Equal(ObservedPhase.Absent, (await t.Room.ObserveAsync("db-ha")).Phase);
    }

    [Fact]
    public async Task A_vm_that_fits_nowhere_fails_permanently_naming_it_and_what_is_short()
    {
        var t = new TestRoom(Group("rack", 2, memoryGib: 64));
        await t.Room.ApplyAsync(Vm("vm-1", memoryGib: 10));

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-huge", memoryGib: 100)));

        Assert.True(error.Permanent);
        Assert.Contains("VM 'vm-huge'", error.Message, StringComparison.Ordinal);
        Assert.Contains("short of memory (at most 64 GiB free on a host)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("vCPU (", error.Message, StringComparison.Ordinal);
        Assert.Equal(ObservedPhase.Absent, (await t.Room.ObserveAsync("vm-huge")).Phase);
    }

    [Fact]
    public async Task Room_spread_over_hosts_but_never_on_one_is_reported_as_such()
    {
        var t = new TestRoom(Group("rack", 2, vcpu: 16, memoryGib: 64));
        await t.Room.ApplyAsync(Vm("vm-memory", vcpu: 6, memoryGib: 60));  // rack-01: 10 vCPU, 4 GiB free
        await t.Room.ApplyAsync(Vm("vm-cpu", vcpu: 15, memoryGib: 24));    // rack-02: 1 vCPU, 40 GiB free

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => t.Room.ApplyAsync(Vm("vm-3", vcpu: 4, memoryGib: 8)));

        Assert.True(error.Permanent);
        Assert.Contains("never all on one host", error.Message, StringComparison.Ordinal);
    }
}
