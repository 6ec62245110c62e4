using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class TimingAndFailureTests
{
    private static TestRoom RoomFailing(double rate, int seed = 1) => new(new SimulatedMachineRoomOptions
    {
        HostGroups = [Group("rack", 8, vcpu: 256, memoryGib: 1024, storageGib: 100_000)],
        ProvisioningDelay = Delay,
        FailureRate = rate,
        Seed = seed,
    });

    [Fact]
    public async Task A_new_resource_is_pending_until_the_delay_has_passed_and_ready_from_then_on()
    {
        var t = new TestRoom(Group("rack", 1));

        Assert.Equal(ObservedPhase.Pending, (await t.Room.ApplyAsync(Vm("vm-1"))).Phase);
        t.Clock.Advance(Delay - TimeSpan.FromTicks(1));
        var justBefore = await t.Room.ObserveAsync("vm-1");
        t.Clock.Advance(TimeSpan.FromTicks(1));
        var atDelay = await t.Room.ObserveAsync("vm-1");

        Assert.Equal(ObservedPhase.Pending, justBefore.Phase);
        Assert.Contains("done at", justBefore.Message, StringComparison.Ordinal);
        Assert.Equal(ObservedPhase.Ready, atDelay.Phase);
        Assert.Null(atDelay.Message);
    }

    [Fact]
    public async Task A_vm_ordered_stopped_ends_stopped_rather_than_ready()
    {
        var t = new TestRoom(Group("rack", 1));

        await t.Room.ApplyAsync(Vm("vm-1", running: false));
        t.Wait();

        Assert.Equal(ObservedPhase.Stopped, (await t.Room.ObserveAsync("vm-1")).Phase);
    }

    [Fact]
    public async Task With_no_delay_a_resource_is_ready_as_soon_as_it_is_applied()
    {
        var t = new TestRoom(new SimulatedMachineRoomOptions { HostGroups = [Group("rack", 1)], ProvisioningDelay = TimeSpan.Zero });

        Assert.Equal(ObservedPhase.Ready, (await t.Room.ApplyAsync(Vm("vm-1"))).Phase);
        Assert.Equal(ObservedPhase.Absent, (await t.Room.DeleteAsync("vm-1")).Phase);
    }

    [Fact]
    public async Task At_failure_rate_one_every_resource_is_pending_first_and_then_failed_with_a_message()
    {
        var t = RoomFailing(1.0);
        var ids = Enumerable.Range(0, 50).Select(i => $"vm-{i}").ToList();

        var applied = new List<ObservedResource>();
        foreach (var id in ids)
        {
            applied.Add(await t.Room.ApplyAsync(Vm(id)));
        }

        t.Wait();
        Assert.All(applied, o => Assert.Equal(ObservedPhase.Pending, o.Phase));
        foreach (var id in ids)
        {
            var observed = await t.Room.ObserveAsync(id);
            Assert.Equal(ObservedPhase.Failed, observed.Phase);
            Assert.StartsWith("Simulated failure injected (FailureRate 1, Seed 1)", observed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task At_failure_rate_zero_no_resource_ever_fails()
    {
        var t = RoomFailing(0.0);
        for (var i = 0; i < 300; i++)
        {
            await t.Room.ApplyAsync(i % 3 == 0 ? Database($"r-{i}", 3) : Vm($"r-{i}"));
        }

        t.Wait();
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync($"r-{i}")).Phase);
        }
    }

    [Fact]
    public async Task The_same_seed_and_the_same_calls_fail_the_same_resources_and_another_seed_others()
    {
        async Task<string[]> FailedIds(int seed)
        {
            var t = RoomFailing(0.5, seed);
            for (var i = 0; i < 60; i++)
            {
                await t.Room.ApplyAsync(Vm($"vm-{i}"));
            }

            t.Wait();
            var failed = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                if ((await t.Room.ObserveAsync($"vm-{i}")).Phase == ObservedPhase.Failed)
                {
                    failed.Add($"vm-{i}");
                }
            }

            return [.. failed];
        }

        var first = await FailedIds(7);
        Assert.InRange(first.Length, 10, 50); // a mix, not all or nothing
        Assert.Equal(first, await FailedIds(7));
        Assert.NotEqual(first, await FailedIds(8));
    }
}
