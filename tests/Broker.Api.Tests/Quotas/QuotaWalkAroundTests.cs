using System.Net;
using Broker.Api.Orders;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;

namespace Broker.Api.Tests.Quotas;

/// <summary>
/// Issue 13, "Quota cannot be walked around": the reservations of orders and resources belong to the broker, and the
/// department's public reservation routes answer 404 for them as if they did not exist.
/// </summary>
// A broker of its own: these orders would otherwise fill the shared test machine room for the collection's other tests.
public sealed class QuotaWalkAroundTests(BrokerApiFactory broker) : IClassFixture<BrokerApiFactory>
{
    [Fact]
    public async Task A_member_who_orders_ten_vms_cannot_release_commit_or_read_their_reservations_through_the_public_routes()
    {
        var s = await SelfService.CreateAsync(broker, "walk");
        foreach (var system in new[] { "tax", "fees" })
        {
            await s.RegisterSystemAsync(system);
            await s.ApproveSystemAsync(system);
            var order = await s.OrderAsync(SelfService.Vms(system, 5)).Expect(HttpStatusCode.Created);
            Assert.Equal("approved", (string)order["state"]!);
        }

        await s.ReconcileAllAsync(broker);
        var ids = (await s.ResourcesAsync("ready")).Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(20, await s.UsedAsync("vcpu"));
        Assert.Equal(10, await s.UsedAsync("vms"));

        var reservations = $"/api/departments/{s.Code}/reservations";
        foreach (var id in ids)
        {
            foreach (var (method, url) in new[] { (HttpMethod.Post, $"{reservations}/{id}/release"), (HttpMethod.Post, $"{reservations}/{id}/commit"), (HttpMethod.Get, $"{reservations}/{id}") })
            {
                var problem = await s.Member.Send(method, url).Expect(HttpStatusCode.NotFound);
                Assert.Equal("reservation.not-found", (string)problem["code"]!);
            }
        }

        Assert.Empty((await s.Member.Send(HttpMethod.Get, reservations).Expect(HttpStatusCode.OK)).AsArray());
        Assert.Equal(20, await s.UsedAsync("vcpu"));
        Assert.Equal(10, await s.UsedAsync("vms"));
        Assert.Equal(10, (await s.ResourcesAsync("ready")).Count);
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task A_public_hold_named_like_a_vm_is_the_departments_own_and_neither_shows_nor_touches_the_vms_reservation()
    {
        var s = await SelfService.CreateAsync(broker, "walk-collide", d => d.WithSystem("tax"));
        await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        var vm = (string)(await s.ResourcesAsync("ready")).Single()!["id"]!;
        var reservations = $"/api/departments/{s.Code}/reservations";

        var own = await s.Member.Send(HttpMethod.Post, reservations, new { id = vm, vector = new { storage_gib = 1 } }).Expect(HttpStatusCode.Created);

        // The answer is about the new hold only: nothing of the VM's committed reservation shows through.
        Assert.Equal("held", (string)own["state"]!);
        Assert.Equal(1, own["vector"]!["storage_gib"]!.GetValue<long>());
        Assert.Null(own["vector"]!["vcpu"]);
        Assert.Equal(1, SelfService.Figure(await s.QuotaAsync(), "storage_gib", "reserved"));
        await s.Member.Send(HttpMethod.Post, $"{reservations}/{vm}/commit").Expect(HttpStatusCode.OK);
        await s.Member.Send(HttpMethod.Post, $"{reservations}/{vm}/release").Expect(HttpStatusCode.OK);
        Assert.Equal("released", (string)(await s.Member.Send(HttpMethod.Get, $"{reservations}/{vm}").Expect(HttpStatusCode.OK))["state"]!);
        Assert.Equal(2, await s.UsedAsync("vcpu"));
        Assert.Equal(50, await s.UsedAsync("storage_gib"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task A_hold_made_in_advance_under_an_orders_future_resource_id_does_not_stand_in_for_the_orders_quota()
    {
        // The attack: guess the id the order's first VM will get, hold exactly its vector and the order's hold time in
        // advance, let the order find it as "its" reservation, then release it.
        var s = await SelfService.CreateAsync(broker, "walk-ahead", d => d.WithSystem("tax"));
        var key = Guid.NewGuid().ToString("n");
        var vm = OrderIds.For(s.Code, key) + "-1";
        var reservations = $"/api/departments/{s.Code}/reservations";
        await s.Member.Send(HttpMethod.Post, reservations, new { id = vm, vector = new { vcpu = 2, memory_gib = 4, storage_gib = 50, vms = 1 }, ttlSeconds = 7 * 24 * 3600 })
            .Expect(HttpStatusCode.Created);

        await s.OrderAsync(SelfService.Vms("tax", 1), key).Expect(HttpStatusCode.Created);
        await s.Member.Send(HttpMethod.Post, $"{reservations}/{vm}/release").Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);

        Assert.Equal(vm, (string)(await s.ResourcesAsync("ready")).Single()!["id"]!);
        Assert.Equal(2, await s.UsedAsync("vcpu"));
        Assert.Equal(1, await s.UsedAsync("vms"));
        await s.AssertQuotaMatchesResourcesAsync();
    }
}
