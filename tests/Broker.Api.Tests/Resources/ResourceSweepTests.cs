using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Contracts.Resources;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Resources;

/// <summary>
/// The resource sweeper, not a reminder per resource, carries leases and interrupted work. These tests drive only the
/// sweeper (as its reminder would), never the resource grains directly.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ResourceSweepTests(BrokerApiFactory broker)
{
    private IResourceSweeperGrain Sweeper => broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key);

    [Fact]
    public async Task Each_lease_moment_is_acted_on_by_a_sweep_once_the_business_clock_reaches_it()
    {
        var s = await SelfService.CreateAsync(broker, "sweep-lease", d => d.WithSystem("lab"));
        var now = broker.Time.GetUtcNow();
        await s.OrderAsync(SelfService.Vms("lab", 1, leaseEnd: now.AddDays(10))).Expect(HttpStatusCode.Created);
        var id = (string)(await s.ResourcesAsync()).Single()!["id"]!;
        await UntilAsync(s, id, "ready");

        // Three days before the warning: nothing due.
        broker.Time.Advance(TimeSpan.FromDays(2));
        await Sweeper.SweepAsync();
        Assert.False((bool)(await ResourceAsync(s, id))["leaseExpiring"]!);

        broker.Time.Advance(TimeSpan.FromDays(2)); // six days left: inside the week's warning
        var warned = await Sweeper.SweepAsync();
        Assert.True(warned.LeaseDue >= 1);
        Assert.True((bool)(await ResourceAsync(s, id))["leaseExpiring"]!);
        Assert.Equal("ready", (string)(await ResourceAsync(s, id))["state"]!);

        broker.Time.Advance(TimeSpan.FromDays(7)); // a day past the end: stopped
        await UntilAsync(s, id, "stopped");

        broker.Time.Advance(TimeSpan.FromDays(7)); // eight days past the end: the grace is over, deleted
        await UntilAsync(s, id, "deleted");
        Assert.Equal(0, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task Ordering_and_operating_resources_writes_no_reminder_row_for_any_of_them()
    {
        var s = await SelfService.CreateAsync(broker, "sweep-rows", d => d.WithSystem("tax"));
        await s.OrderAsync(SelfService.Vms("tax", 2, leaseEnd: broker.Time.GetUtcNow().AddDays(30))).Expect(HttpStatusCode.Created);
        var ids = (await s.ResourcesAsync()).Select(r => (string)r!["id"]!).ToList();
        foreach (var id in ids)
        {
            await UntilAsync(s, id, "ready");
        }

        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{ids[0]}/stop").Expect(HttpStatusCode.OK);
        await s.DeptAdmin.Send(HttpMethod.Put, $"/api/departments/{s.Code}/resources/{ids[1]}/lease", new { leaseEnd = broker.Time.GetUtcNow().AddDays(60) }).Expect(HttpStatusCode.OK);
        await s.Member.Send(HttpMethod.Delete, $"/api/departments/{s.Code}/resources/{ids[1]}").Expect(HttpStatusCode.OK);
        await UntilAsync(s, ids[0], "stopped");
        await UntilAsync(s, ids[1], "deleted");

        foreach (var id in ids)
        {
            Assert.Equal(0L, await ReminderRowsAsync("resource/" + id));
        }

        Assert.Equal(0L, await ReminderRowsAsync("resource/%"));
        // The one row that stands for all of them, registered when the silo started.
        Assert.Equal(1L, await ReminderRowsAsync("%", "resource-sweep"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ResourceAsync(SelfService s, string id) =>
        await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK);

    /// <summary>Sweeps until the resource reaches <paramref name="state"/> (a deadline, not a sleep, bounds it).</summary>
    private async Task UntilAsync(SelfService s, string id, string state)
    {
        await Eventually(
            async () =>
            {
                if ((string)(await ResourceAsync(s, id))["state"]! == state)
                {
                    return true;
                }

                Assert.Equal(0, (await Sweeper.SweepAsync()).Failed);
                return false;
            },
            TimeSpan.FromSeconds(30));
    }

    private Task<long> ReminderRowsAsync(string grainLike, string nameLike = "%") => ReminderRows.CountAsync(broker.ConnectionString, grainLike, nameLike);
}
