using System.Globalization;
using System.Net;
using Broker.Api.Tests.Hosting;
using Npgsql;

namespace Broker.Api.Tests.Capacity;

[Collection(RefusingRoomCollection.Name)]
public sealed class CapacityReportTests(RefusingRoomFactory room)
{
    private static readonly string[] Dimensions = ["vcpu", "memory_gib", "storage_gib"];

    [Fact]
    public async Task The_report_matches_the_live_resources_of_every_department()
    {
        var d = await RoomDepartment.CreateAsync(room, "live", "portal", "extranet", new() { ["vcpu"] = 64, ["memory_gib"] = 256, ["storage_gib"] = 2000, ["vms"] = 32 });
        await d.OrderAsync("portal", 3).Expect(HttpStatusCode.Created);
        await d.OrderAsync("portal", 1, plan: "vm-medium").Expect(HttpStatusCode.Created);
        await d.ReconcileAsync(room);
        // One waits for approval (32 vCPU is beyond the auto-approval limit): reserved, not allocated.
        var waiting = (string)(await d.OrderAsync("portal", 2, plan: "vm-large").Expect(HttpStatusCode.Created))["id"]!;

        var report = await RoomDepartment.ReportAsync(room);
        var departments = await d.Admin.Send(HttpMethod.Get, "/api/platform/departments?limit=200").Expect(HttpStatusCode.OK);
        var resources = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var department in departments["items"]!.AsArray())
        {
            var list = await d.Admin.Send(HttpMethod.Get, $"/api/departments/{(string)department!["code"]!}/resources?limit=200").Expect(HttpStatusCode.OK);
            resources.AddRange(list["items"]!.AsArray().Select(r => r!));
        }

        Assert.Contains(resources, r => (string)r["state"]! == "pending-approval");
        foreach (var pool in new[] { "ext-a", "ext-b", "net-1" })
        {
            var mine = resources.Where(r => (string?)r["pool"] == pool).ToList();
            foreach (var dimension in new[] { "vcpu", "memory_gib" })
            {
                long Sum(params string[] states) => mine.Where(r => states.Contains((string)r["state"]!)).Sum(r => r["spec"]!["vector"]![dimension]?.GetValue<long>() ?? 0);
                var figure = RoomDepartment.Figure(report, pool, dimension);
                Assert.Equal(Sum("ready", "stopped"), (long)figure["allocated"]!);
                Assert.Equal(Sum("pending-approval", "approved", "provisioning"), (long)figure["reserved"]!);
                Assert.Equal((long)figure["allocatable"]! - (long)figure["allocated"]! - (long)figure["reserved"]!, (long)figure["free"]!);
            }
        }

        Assert.Equal(64, (long)RoomDepartment.Figure(report, "ext-a", "vcpu")["allocatable"]!); // 16 cores at 4:1
        Assert.Equal(4.0, (double)RoomDepartment.Figure(report, "ext-a", "vcpu")["overcommit"]!);
        await d.Member.Send(HttpMethod.Post, $"/api/departments/{d.Code}/orders/{waiting}/cancel").Expect(HttpStatusCode.OK);
        await d.DeleteAllAsync(room);
    }

    [Fact]
    public async Task A_kubernetes_pool_adds_up_the_allocatable_resources_of_the_nodes_labelled_with_its_name()
    {
        var report = await RoomDepartment.ReportAsync(room);
        var pool = report["pools"]!.AsArray().Single(p => (string)p!["name"]! == "kube-1")!;
        Assert.Equal("kubernetes-nodes", (string)pool["source"]!);
        var labelled = CapacityApiFactory.Nodes.Where(n => n.Labels?.GetValueOrDefault("broker.gov.local/pool") == "kube-1").ToList();
        Assert.Equal(2, labelled.Count);
        Assert.Equal(16, (long)RoomDepartment.Figure(report, "kube-1", "vcpu")["physical"]!);      // "8" + "8000m"
        Assert.Equal(32, (long)RoomDepartment.Figure(report, "kube-1", "vcpu")["allocatable"]!);   // at 2:1
        Assert.Equal(64, (long)RoomDepartment.Figure(report, "kube-1", "memory_gib")["physical"]!); // 2 x 32Gi
    }

    [Fact]
    public async Task A_pool_is_labelled_simulated_when_the_simulated_machine_room_builds_its_resources()
    {
        var report = await RoomDepartment.ReportAsync(room);
        var simulated = report["pools"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (bool)p!["simulated"]!);
        Assert.True(simulated["ext-a"]);
        Assert.True(simulated["net-1"]);
        // This room reads kube-1's nodes but configures no Kubernetes provisioner, so its VMs are simulated too. A pool
        // whose backend is configured (shared-pg with the shared PostgreSQL service) is not: see the console tests.
        Assert.True(simulated["kube-1"]);
    }

    [Fact]
    public async Task The_forecast_runs_out_when_recorded_growth_plus_the_pipeline_reaches_what_the_pool_can_sell()
    {
        // Two VMs in net-1 (50 GiB storage each) and an envelope with 50 GiB left: allocated 100, pipeline 50.
        var d = await RoomDepartment.CreateAsync(room, "trend", "site", "internet", new() { ["vcpu"] = 8, ["memory_gib"] = 16, ["storage_gib"] = 150, ["vms"] = 2 });
        await d.OrderAsync("site", 2).Expect(HttpStatusCode.Created);
        await d.ReconcileAsync(room);
        var before = await RoomDepartment.ReportAsync(room);
        var today = DateOnly.Parse((string)before["today"]!, CultureInfo.InvariantCulture);
        var storage = RoomDepartment.Figure(before, "net-1", "storage_gib");
        var allocated = (long)storage["allocated"]!;
        Assert.Equal(100, allocated);

        // Recorded history: 5 GiB a day more over the last 20 days, ending at today's figure.
        await using (var data = NpgsqlDataSource.Create(room.ConnectionString))
        {
            for (var days = 1; days <= 20; days++)
            {
                await using var insert = data.CreateCommand("""
                    insert into broker.capacity_daily (pool, dimension, day, allocated, reserved) values ('net-1', 'storage_gib', @day, @allocated, 0)
                    on conflict (pool, dimension, day) do update set allocated = excluded.allocated
                    """);
                insert.Parameters.AddWithValue("day", today.AddDays(-days));
                insert.Parameters.AddWithValue("allocated", allocated - (5L * days));
                await insert.ExecuteNonQueryAsync();
            }
        }

        var report = await RoomDepartment.ReportAsync(room);
        var figure = RoomDepartment.Figure(report, "net-1", "storage_gib");
        // Envelopes left over in the internet zone: this system's 50 GiB, and whatever other departments' systems left.
        Assert.True((long)figure["pipeline"]!["envelopes"]! >= 50);
        Assert.Equal(0, (long)figure["pipeline"]!["reserved"]!);
        Assert.Equal(21, (int)figure["historyDays"]!);
        var left = (long)figure["allocatable"]! - allocated - (long)figure["pipeline"]!["total"]!;
        Assert.True(left > 0, "the pipeline alone must not exhaust the pool, or the forecast is trivially today");
        Assert.Equal(today.AddDays((int)Math.Ceiling(left / 5.0)), DateOnly.Parse((string)figure["runsOutOn"]!, CultureInfo.InvariantCulture));
        await d.DeleteAllAsync(room);
    }

    [Fact]
    public async Task Quotas_above_what_the_pools_can_sell_are_allowed_but_flagged_with_the_ratio()
    {
        var admin = room.As("platform-admin");
        var code = await Setup.Department("big").WithQuota(1).CreateAsync(room.As);
        var response = await admin.Send(HttpMethod.Put, $"/api/platform/departments/{code}/quota", new { limits = new { vcpu = 100_000, memory_gib = 1 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Broker-Capacity-Overbooked", out var flag));
        Assert.Contains("vcpu=", string.Join(",", flag!));

        var overbooking = await room.As("platform-operator").Send(HttpMethod.Get, "/api/platform/capacity/overbooking").Expect(HttpStatusCode.OK);
        Assert.True((bool)overbooking["overbooked"]!);
        var vcpu = overbooking["dimensions"]!.AsArray().Single(x => (string)x!["dimension"]! == "vcpu")!;
        var report = await RoomDepartment.ReportAsync(room);
        var sellable = report["pools"]!.AsArray().Sum(p => p!["dimensions"]!.AsArray().Where(x => (string)x!["dimension"]! == "vcpu").Sum(x => (long)x!["allocatable"]!));
        Assert.Equal(sellable, (long)vcpu["allocatable"]!);
        Assert.True((long)vcpu["quotaLimits"]! >= 100_000);
        Assert.Equal(Math.Round((double)(long)vcpu["quotaLimits"]! / sellable, 4), (double)vcpu["ratio"]!);
        Assert.True((bool)vcpu["overbooked"]!);

        // The flag follows the sums: with this quota back to nothing it is there only if the others still overbook.
        var again = await admin.Send(HttpMethod.Put, $"/api/platform/departments/{code}/quota", new { limits = new { vcpu = 0 } });
        var after = await admin.Send(HttpMethod.Get, "/api/platform/capacity/overbooking").Expect(HttpStatusCode.OK);
        var vcpuAfter = after["dimensions"]!.AsArray().Single(x => (string)x!["dimension"]! == "vcpu")!;
        Assert.Equal((long)vcpu["quotaLimits"]! - 100_000, (long)vcpuAfter["quotaLimits"]!);
        Assert.Equal((bool)after["overbooked"]!, again.Headers.Contains("Broker-Capacity-Overbooked"));
    }

    [Fact]
    public async Task How_many_more_of_a_plan_fit_is_given_per_pool_and_in_total()
    {
        var report = await RoomDepartment.ReportAsync(room);
        var fit = await room.As("platform-admin").Send(HttpMethod.Get, "/api/platform/capacity/plans/vm-medium/fit").Expect(HttpStatusCode.OK);
        Assert.Equal("simulated", (string)fit["backend"]!);
        var pools = fit["pools"]!.AsArray();
        Assert.Equal(["ext-a", "ext-b", "net-1"], pools.Select(p => (string)p!["pool"]!).Order());
        foreach (var pool in pools)
        {
            var name = (string)pool!["pool"]!;
            // vm-medium: 4 vCPU, 16 GiB, 100 GiB disk; a pool limits only what it names.
            var limits = new List<long> { RoomDepartment.Free(report, name, "vcpu") / 4, RoomDepartment.Free(report, name, "memory_gib") / 16 };
            if (name == "net-1")
            {
                limits.Add(RoomDepartment.Free(report, name, "storage_gib") / 100);
            }

            Assert.Equal(limits.Min(), (long)pool["fits"]!);
        }

        Assert.Equal(pools.Sum(p => (long)p!["fits"]!), (long)fit["total"]!);
        var internet = await room.As("platform-admin").Send(HttpMethod.Get, "/api/platform/capacity/plans/vm-medium/fit?zone=internet").Expect(HttpStatusCode.OK);
        Assert.Equal("net-1", (string)internet["pools"]!.AsArray().Single()!["pool"]!);

        var badZone = await room.As("platform-admin").Send(HttpMethod.Get, "/api/platform/capacity/plans/vm-medium/fit?zone=moon").Expect(HttpStatusCode.BadRequest);
        Assert.True(badZone["errors"]!.AsObject().ContainsKey("zone"));
        await room.As("platform-admin").Send(HttpMethod.Get, "/api/platform/capacity/plans/no-such-plan/fit").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Capacity_gauges_and_the_headroom_alert_are_exposed_for_prometheus()
    {
        var report = await RoomDepartment.ReportAsync(room);
        var metrics = await (await room.Anonymous().GetAsync("/metrics")).Content.ReadAsStringAsync();
        foreach (var pool in new[] { "ext-a", "net-1", "kube-1" })
        {
            foreach (var figure in report["pools"]!.AsArray().Single(p => (string)p!["name"]! == pool)!["dimensions"]!.AsArray())
            {
                var dimension = (string)figure!["dimension"]!;
                Assert.Contains($"broker_capacity_amount{{pool=\"{pool}\",dimension=\"{dimension}\",measure=\"allocatable\"}} {(long)figure["allocatable"]!}", metrics);
                Assert.Contains($"broker_capacity_headroom_ratio{{pool=\"{pool}\",dimension=\"{dimension}\"}}", metrics);
                var low = (bool)figure["headroomLow"]! ? 1 : 0;
                Assert.Contains($"broker_capacity_headroom_low{{pool=\"{pool}\",dimension=\"{dimension}\"}} {low}", metrics);
            }
        }

        Assert.Contains("broker_capacity_overbooking_ratio{dimension=\"vcpu\"}", metrics);
        Assert.Contains("broker_capacity_queued_orders", metrics);
    }

    [Fact]
    public async Task Only_platform_admins_and_operators_see_capacity()
    {
        var code = await Setup.Department("peek").CreateAsync(room.As);
        string[] urls = ["/api/platform/capacity", "/api/platform/capacity/overbooking", "/api/platform/capacity/plans/vm-small/fit"];
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await room.Anonymous().GetAsync(url)).StatusCode);
            foreach (var role in new[] { "dept-admin", "dept-member", "dept-reader" })
            {
                await room.As(role, code).Send(HttpMethod.Get, url).Expect(HttpStatusCode.Forbidden);
            }

            foreach (var role in new[] { "finance", "auditor" })
            {
                await room.As(role).Send(HttpMethod.Get, url).Expect(HttpStatusCode.Forbidden);
            }

            foreach (var role in new[] { "platform-admin", "platform-operator" })
            {
                await room.As(role).Send(HttpMethod.Get, url).Expect(HttpStatusCode.OK);
            }
        }
    }
}
