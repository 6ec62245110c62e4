using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Capacity;

[Collection(RefusingRoomCollection.Name)]
public sealed class CapacityAdmissionTests(RefusingRoomFactory room)
{
    private static readonly Dictionary<string, long> SmallEnvelope = new() { ["vcpu"] = 64, ["memory_gib"] = 256, ["storage_gib"] = 1000, ["vms"] = 32 };

    [Fact]
    public async Task An_order_that_fits_the_quota_but_no_pool_is_refused_with_the_reason_and_admitted_again_once_capacity_is_given_back()
    {
        // Inside the envelope so the orders are approved at once; its storage counts towards net-1's pipeline.
        var d = await RoomDepartment.CreateAsync(room, "full", "web", "internet", new() { ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 400, ["vms"] = 8 });
        var free = RoomDepartment.Free(await RoomDepartment.ReportAsync(room), "net-1", "vcpu");
        var fitting = (int)(free / 2); // vm-small is 2 vCPU
        Assert.True(fitting > 0);
        await d.OrderAsync("web", fitting).Expect(HttpStatusCode.Created);
        await d.ReconcileAsync(room);
        var quotaBefore = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/quota").Expect(HttpStatusCode.OK);

        var refused = await d.OrderAsync("web", 1).Expect(HttpStatusCode.Conflict);
        Assert.Equal("capacity.exhausted", (string)refused["code"]!);
        Assert.Contains("net-1", (string)refused["detail"]!);
        Assert.Contains("vcpu -2", (string)refused["detail"]!);
        Assert.Contains(refused["shortfalls"]!.AsArray(), s => (string)s!["dimension"]! == "vcpu" && (long)s["missing"]! == 2);
        var english = await d.OrderAsync("web", 1, language: "en").Expect(HttpStatusCode.Conflict);
        Assert.StartsWith("The machine room's pools are full", (string)english["detail"]!);

        // Nothing changed: no quota held, no order, no resource.
        var quotaAfter = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(quotaBefore["dimensions"]!.ToJsonString(), quotaAfter["dimensions"]!.ToJsonString());
        Assert.Equal(fitting, (await d.ResourcesAsync()).Count);
        var orders = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/orders").Expect(HttpStatusCode.OK);
        Assert.Single(orders["items"]!.AsArray());

        // Deleting gives the capacity back; the same order now fits.
        await d.DeleteAllAsync(room);
        await d.OrderAsync("web", 1).Expect(HttpStatusCode.Created);
        await d.ReconcileAsync(room);
        await d.DeleteAllAsync(room);
    }

    [Fact]
    public async Task An_order_from_a_network_zone_no_pool_of_its_backend_serves_is_refused_naming_the_zone()
    {
        // kube-1 serves dedicated lines, but it feeds the kubernetes backend, not the simulated one VMs go to here.
        var d = await RoomDepartment.CreateAsync(room, "line", "link", "dedicated-line", SmallEnvelope);
        var refused = await d.OrderAsync("link", 1, language: "en").Expect(HttpStatusCode.Conflict);
        Assert.Equal("capacity.no-pool-for-zone", (string)refused["code"]!);
        Assert.Contains("dedicated-line", (string)refused["detail"]!);
        Assert.Equal("systemId", (string)refused["field"]!);
        Assert.Empty(await d.ResourcesAsync());
    }

    [Fact]
    public async Task Placement_picks_the_pool_of_the_zone_with_the_most_headroom_ties_broken_by_name_and_records_it_on_the_resource()
    {
        var d = await RoomDepartment.CreateAsync(room, "place", "portal", "extranet", SmallEnvelope);
        var start = await RoomDepartment.ReportAsync(room);
        var equalStart = RoomDepartment.Free(start, "ext-a", "vcpu") == RoomDepartment.Free(start, "ext-b", "vcpu")
            && RoomDepartment.Free(start, "ext-a", "memory_gib") == RoomDepartment.Free(start, "ext-b", "memory_gib");
        var placed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var report = await RoomDepartment.ReportAsync(room);
            var expected = Expected(report, ["ext-a", "ext-b"], new() { ["vcpu"] = 2, ["memory_gib"] = 4, ["storage_gib"] = 50 });
            var order = await d.OrderAsync("portal", 1).Expect(HttpStatusCode.Created);
            var id = (string)order["resourceIds"]![0]!;
            var resource = await d.Member.Send(HttpMethod.Get, $"/api/departments/{d.Code}/resources/{id}").Expect(HttpStatusCode.OK);
            Assert.Equal(expected, (string)resource["pool"]!);
            placed.Add(expected);
        }

        // Equal pools alternate, the tie going to the first name: the one just used has less headroom left.
        if (equalStart)
        {
            Assert.Equal(["ext-a", "ext-b", "ext-a", "ext-b"], placed);
        }

        await d.ReconcileAsync(room);
        await d.DeleteAllAsync(room);
    }

    /// <summary>The rule, evaluated from the report: the smallest remaining share of any requested dimension, highest wins, then name.</summary>
    private static string Expected(System.Text.Json.Nodes.JsonNode report, string[] pools, Dictionary<string, long> unit) =>
        pools.Select(p => (Pool: p, Headroom: unit.Where(u => report["pools"]!.AsArray().Single(x => (string)x!["name"]! == p)!["dimensions"]!.AsArray().Any(x => (string)x!["dimension"]! == u.Key))
                .Min(u => ((double)RoomDepartment.Free(report, p, u.Key) - u.Value) / (long)RoomDepartment.Figure(report, p, u.Key)["allocatable"]!)))
            .OrderByDescending(p => p.Headroom).ThenBy(p => p.Pool, StringComparer.Ordinal).First().Pool;
}
