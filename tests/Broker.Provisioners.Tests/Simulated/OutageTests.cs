using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

/// <summary>Host outages: resources on a host that is down are observed failed for exactly the outage, others not at all.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task A_resource_on_a_host_that_is_down_is_failed_until_the_outage_ends_and_others_keep_serving()
    {
        var t = new TestRoom(Group("rack", 2, vcpu: 4, memoryGib: 16));
        await t.Room.ApplyAsync(Vm("vm-a", vcpu: 4, memoryGib: 16));
        await t.Room.ApplyAsync(Vm("vm-b", vcpu: 4, memoryGib: 16)); // fills the other host
        t.Wait();
        var downHost = await t.HostOf("vm-a");
        var start = t.Clock.GetUtcNow().AddMinutes(5);

        t.Room.InjectOutage(downHost, start, TimeSpan.FromMinutes(30));

        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("vm-a")).Phase);
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        var during = await t.Room.ObserveAsync("vm-a");
        Assert.Equal(ObservedPhase.Failed, during.Phase);
        Assert.Contains($"host {downHost} is down until", during.Message, StringComparison.Ordinal);
        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("vm-b")).Phase);
        t.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(ObservedPhase.Ready, (await t.Room.ObserveAsync("vm-a")).Phase);
    }

    [Fact]
    public async Task A_configured_outage_of_a_host_group_takes_every_host_of_it_down()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var t = new TestRoom(new SimulatedMachineRoomOptions
        {
            HostGroups = [Group("rack", 2), Group("spare", 1)],
            ProvisioningDelay = Delay,
            Outages = [new SimulatedOutageOptions { Target = "rack", Start = now.AddMinutes(10), Duration = TimeSpan.FromHours(1) }],
        });
        await t.Room.ApplyAsync(Database("db-1", 2));
        t.Wait();

        t.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ObservedPhase.Failed, (await t.Room.ObserveAsync("db-1")).Phase);
        Assert.Throws<ArgumentException>(() => t.Room.InjectOutage("nowhere-01", now, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Chance_outages_take_each_host_down_once_a_day_for_their_duration_at_the_same_minutes_in_every_room_of_one_seed()
    {
        var options = new SimulatedMachineRoomOptions
        {
            HostGroups = [Group("rack", 1)],
            ProvisioningDelay = TimeSpan.Zero,
            Seed = 42,
            RandomOutages = new RandomOutageOptions { ChancePerHostPerDay = 1.0, Duration = TimeSpan.FromMinutes(20) },
        };
        var a = new TestRoom(options);
        var b = new TestRoom(options);
        await a.Room.ApplyAsync(Vm("vm-a"));
        await b.Room.ApplyAsync(Vm("vm-a"));
        var midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        a.Clock.SetUtcNow(midnight);
        b.Clock.SetUtcNow(midnight);

        var down = new List<int>();
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var phase = (await a.Room.ObserveAsync("vm-a")).Phase;
            Assert.Equal(phase, (await b.Room.ObserveAsync("vm-a")).Phase);
            if (phase == ObservedPhase.Failed)
            {
                down.Add(minute);
            }

            a.Clock.Advance(TimeSpan.FromMinutes(1));
            b.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(20, down.Count);
        Assert.Equal(Enumerable.Range(down[0], 20), down);
    }

    [Fact]
    public void Outages_naming_no_host_or_lasting_no_time_are_refused_at_start()
    {
        var options = new SimulatedMachineRoomOptions
        {
            HostGroups = [Group("rack", 2)],
            Outages = [new SimulatedOutageOptions { Target = "rack-03", Duration = TimeSpan.FromMinutes(5) }, new SimulatedOutageOptions { Target = "rack-01" }],
            RandomOutages = new RandomOutageOptions { ChancePerHostPerDay = 1.5 },
        };

        var result = new SimulatedMachineRoomOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Outages:0:Target 'rack-03'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Outages:1:Duration", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("RandomOutages:ChancePerHostPerDay", StringComparison.Ordinal));
    }
}
