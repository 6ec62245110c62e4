using Broker.Contracts.Common;
using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Capacity;

[Collection(QueueingRoomCollection.Name)]
public sealed class CapacityQueueTests(QueueingRoomFactory room)
{
    [Fact]
    public async Task An_order_that_finds_the_room_full_waits_and_is_admitted_oldest_first_when_capacity_frees()
    {
        var d = await RoomDepartment.CreateAsync(room, "queue", "portal", "extranet", new() { ["vcpu"] = 64, ["memory_gib"] = 256, ["storage_gib"] = 1000, ["vms"] = 32 });
        // queue-1 sells 4 vCPU: two small VMs fill it.
        await d.OrderAsync("portal", 2).Expect(HttpStatusCode.Created);
        await d.ReconcileAsync(room);
        var first = await d.OrderAsync("portal", 1).Expect(HttpStatusCode.Created);
        room.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await d.OrderAsync("portal", 1).Expect(HttpStatusCode.Created);
        Assert.True((bool)first["waitingForCapacity"]!);
        Assert.True((bool)second["waitingForCapacity"]!);
        Assert.Equal("approved", (string)first["state"]!);
        Assert.Equal(2, (await d.ResourcesAsync()).Count); // queued orders have no resources yet

        var report = await RoomDepartment.ReportAsync(room);
        Assert.Equal([(string)first["id"]!, (string)second["id"]!], report["queue"]!.AsArray().Select(q => (string)q!["orderId"]!));
        Assert.Equal(4, (long)RoomDepartment.Figure(report, "queue-1", "vcpu")["pipeline"]!["queued"]!); // two orders of 2 vCPU
        var quota = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(8, SelfFigure(quota, "used") + SelfFigure(quota, "reserved")); // the queued orders hold their quota

        // One VM is deleted: room for one more, and the older order goes first.
        var built = (string)(await d.ResourcesAsync())[0]!["id"]!;
        await d.Member.Send(HttpMethod.Delete, $"/api/departments/{d.Code}/resources/{built}").Expect(HttpStatusCode.OK);
        await d.ReconcileAsync(room);
        var firstNow = await WaitForAsync(d, (string)first["id"]!, o => o["waitingForCapacity"] is { } w && !(bool)w);
        Assert.False((bool)firstNow["waitingForCapacity"]!);
        var secondNow = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/orders/{(string)second["id"]!}").Expect(HttpStatusCode.OK);
        Assert.True((bool)secondNow["waitingForCapacity"]!);
        await d.ReconcileAsync(room);
        var admitted = (await d.ResourcesAsync()).Single(r => (string)r!["orderId"]! == (string)first["id"]!)!;
        Assert.Equal("ready", (string)admitted["state"]!);
        Assert.Equal("queue-1", (string)admitted["pool"]!);

        // The second leaves the queue when the room frees again.
        foreach (var live in (await d.ResourcesAsync()).Where(r => (string)r!["state"]! != "deleted"))
        {
            await d.Member.Send(HttpMethod.Delete, $"/api/departments/{d.Code}/resources/{(string)live!["id"]!}").Expect(HttpStatusCode.OK);
        }

        await d.ReconcileAsync(room);
        await WaitForAsync(d, (string)second["id"]!, o => o["waitingForCapacity"] is { } w && !(bool)w);
        var afterAll = await RoomDepartment.ReportAsync(room);
        Assert.Empty(afterAll["queue"]!.AsArray());
        await d.ReconcileAsync(room);
        await d.DeleteAllAsync(room);
    }

    private static long SelfFigure(System.Text.Json.Nodes.JsonNode quota, string figure) =>
        (long)quota["dimensions"]!.AsArray().Single(x => (string)x!["dimension"]! == "vcpu")![figure]!;

    /// <summary>The room tells an admitted order at once without waiting for it; poll the order until it has moved on.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> WaitForAsync(RoomDepartment d, string orderId, Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        return await Eventually(
            async () =>
            {
                var order = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/orders/{orderId}").Expect(HttpStatusCode.OK);
                if (!done(order))
                {
                    // The reminder is the guarantee; nudging the order here only shortens the wait.
                    await room.Services.GetRequiredService<IGrainFactory>().GetOrder(new OrderKey(d.Code, orderId)).ReconcileAsync();
                }

                return order;
            },
            done,
            TimeSpan.FromSeconds(20));
    }
}
