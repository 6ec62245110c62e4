using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Orders;

[Collection(ApiCollection.Name)]
public sealed class OrderLifecycleTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task A_department_orders_vms_and_a_database_and_takes_them_through_their_whole_life()
    {
        var s = await SelfService.CreateAsync(broker, "path", d => d.WithSystem("tax"));

        // Three VMs inside the envelope and the thresholds: approved without a person.
        var vms = await s.OrderAsync(SelfService.Vms("tax", 3)).Expect(HttpStatusCode.Created);
        Assert.Equal("approved", (string)vms["state"]!);
        Assert.True((bool)vms["autoApproved"]!);
        await s.ReconcileAllAsync(broker);
        Assert.Equal(3, (await s.ResourcesAsync("ready")).Count);
        Assert.Equal(6, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();

        // A database, also inside the envelope.
        var db = await s.OrderAsync(new { systemId = "tax", planCode = "pg-single", slaTier = "silver", quantity = 1, databaseName = "tax_filing" }).Expect(HttpStatusCode.Created);
        Assert.Equal("approved", (string)db["state"]!);
        await s.ReconcileAllAsync(broker);
        var database = (await s.ResourcesAsync("ready")).Single(r => (string)r!["spec"]!["kind"]! == "database");
        Assert.Equal("tax_filing", (string)database!["spec"]!["databaseName"]!);
        Assert.True((bool)database["simulated"]!);
        Assert.Equal(1, await s.UsedAsync("databases"));

        // A large VM beyond the envelope waits for the department's admin and then a platform operator.
        var large = await s.OrderAsync(SelfService.Vms("tax", 1, plan: "vm-large")).Expect(HttpStatusCode.Created);
        var id = (string)large["id"]!;
        Assert.Equal("pending-approval", (string)large["state"]!);
        Assert.Equal(16, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved")); // held while it waits
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/approve").Expect(HttpStatusCode.Forbidden);
        await s.Operator.Send(HttpMethod.Post, $"/api/platform/orders/{s.Code}/{id}/approve").Expect(HttpStatusCode.Forbidden); // not yet its turn
        var queue = await s.DeptAdmin.Send(HttpMethod.Get, $"/api/departments/{s.Code}/approvals").Expect(HttpStatusCode.OK);
        Assert.Contains(id, queue["items"]!.AsArray().Select(o => (string)o!["id"]!));
        await s.DeptAdmin.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        var platformQueue = await s.Operator.Send(HttpMethod.Get, "/api/platform/approvals?limit=200").Expect(HttpStatusCode.OK);
        Assert.Contains(id, platformQueue["items"]!.AsArray().Select(o => (string)o!["id"]!));
        var approved = await s.Operator.Send(HttpMethod.Post, $"/api/platform/orders/{s.Code}/{id}/approve").Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["state"]!);
        await s.ReconcileAllAsync(broker);
        Assert.Equal(6 + 2 + 16, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();

        // Resize one small VM to medium: the difference is taken from quota.
        var small = (string)(await s.ResourcesAsync("ready")).First(r => (string)r!["spec"]!["planCode"]! == "vm-small")!["id"]!;
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{small}/resize", new { planCode = "vm-medium" }).Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);
        var resized = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{small}").Expect(HttpStatusCode.OK);
        Assert.Equal("ready", (string)resized["state"]!);
        Assert.Equal("vm-medium", (string)resized["spec"]!["planCode"]!);
        Assert.Equal(6 + 2 + 16 + 2, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();

        // Stop and start.
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{small}/stop").Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);
        Assert.Equal("stopped", (string)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{small}").Expect(HttpStatusCode.OK))["state"]!);
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{small}/stop").Expect(HttpStatusCode.OK); // already stopped: same answer
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{small}/resize", new { planCode = "vm-small" }).Expect(HttpStatusCode.Conflict);
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{small}/start").Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);
        Assert.Equal("ready", (string)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{small}").Expect(HttpStatusCode.OK))["state"]!);

        // Delete: quota comes back once the backend confirms.
        await s.Member.Send(HttpMethod.Delete, $"/api/departments/{s.Code}/resources/{small}").Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);
        Assert.Equal("deleted", (string)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{small}").Expect(HttpStatusCode.OK))["state"]!);
        Assert.Equal(6 + 2 + 16 - 2, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task A_lease_is_flagged_a_week_ahead_then_the_vm_is_stopped_and_after_the_grace_deleted_unless_extended()
    {
        var s = await SelfService.CreateAsync(broker, "lease", d => d.WithSystem("lab"));
        var now = broker.Time.GetUtcNow();
        await s.OrderAsync(SelfService.Vms("lab", 2, leaseEnd: now.AddDays(10))).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        var ids = (await s.ResourcesAsync("ready")).Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(2, ids.Count);

        broker.Time.Advance(TimeSpan.FromDays(4));
        await s.ReconcileAllAsync(broker);
        Assert.All(await s.ResourcesAsync(), r => Assert.True((bool)r!["leaseExpiring"]!));

        // The department's admin extends one of them; the other runs out.
        await s.Member.Send(HttpMethod.Put, $"/api/departments/{s.Code}/resources/{ids[0]}/lease", new { leaseEnd = now.AddDays(60) }).Expect(HttpStatusCode.Forbidden);
        await s.DeptAdmin.Send(HttpMethod.Put, $"/api/departments/{s.Code}/resources/{ids[0]}/lease", new { leaseEnd = now.AddDays(60) }).Expect(HttpStatusCode.OK);

        broker.Time.Advance(TimeSpan.FromDays(7));
        await s.ReconcileAllAsync(broker);
        await s.ReconcileAllAsync(broker);
        Assert.Equal("ready", await StateOf(s, ids[0]));
        Assert.Equal("stopped", await StateOf(s, ids[1]));

        broker.Time.Advance(TimeSpan.FromDays(8));
        await s.ReconcileAllAsync(broker);
        await s.ReconcileAllAsync(broker);
        Assert.Equal("deleted", await StateOf(s, ids[1]));
        Assert.Equal(2, await s.UsedAsync("vcpu"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task Replaying_an_order_with_its_idempotency_key_creates_nothing_new_and_another_body_conflicts()
    {
        var s = await SelfService.CreateAsync(broker, "replay", d => d.WithSystem("tax"));
        var key = Guid.NewGuid().ToString();

        var first = await s.OrderAsync(SelfService.Vms("tax", 2), key).Expect(HttpStatusCode.Created);
        var again = await s.OrderAsync(SelfService.Vms("tax", 2), key);
        var other = await s.OrderAsync(SelfService.Vms("tax", 3), key);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((string)first["id"]!, (string)(await again.Json())["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(2, (await s.ResourcesAsync()).Count);
        Assert.Equal(4, await s.UsedAsync("vcpu") + SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));
    }

    [Fact]
    public async Task Orders_are_refused_for_unapproved_or_prohibited_systems_deprecated_plans_short_quota_wrong_roles_and_other_departments()
    {
        var s = await SelfService.CreateAsync(broker, "refuse", d => d
            .WithSystem("draft", approved: false)
            .WithSystem("portal", approved: false, category: "public-service", justification: "Legacy portal under migration")
            .WithSystem("tax"), vcpu: 8);

        var unapproved = await s.OrderAsync(SelfService.Vms("draft", 1)).Expect(HttpStatusCode.Conflict);
        Assert.Equal("system.not-approved", (string)unapproved["code"]!);
        var prohibited = await s.OrderAsync(SelfService.Vms("portal", 1)).Expect(HttpStatusCode.Conflict);
        Assert.Equal("system.not-approved", (string)prohibited["code"]!);
        var unknown = await s.OrderAsync(SelfService.Vms("nope", 1));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var shortfall = await s.OrderAsync(SelfService.Vms("tax", 5)).Expect(HttpStatusCode.Conflict);
        Assert.Equal("quota.exceeded", (string)shortfall["code"]!);
        Assert.Equal(2, shortfall["shortfalls"]!.AsArray().Single(f => (string)f!["dimension"]! == "vcpu")!["missing"]!.GetValue<long>());

        var badTier = await s.OrderAsync(SelfService.Vms("tax", 1, tier: "gold")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("slaTier", badTier["errors"]!.AsObject().Select(p => p.Key));
        await s.OrderAsync(new { systemId = "tax", planCode = "vm-small", slaTier = "silver", quantity = 0, image = "debian-12" }).Expect(HttpStatusCode.BadRequest);
        await s.OrderAsync(new { systemId = "tax", planCode = "vm-small", slaTier = "silver", quantity = 1, image = "windows-xp" }).Expect(HttpStatusCode.BadRequest);

        await s.Admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", new
        {
            code = $"vm-old-{s.Code[^6..]}",
            kind = "vm",
            nameZh = "旧规格",
            nameEn = "Old plan",
            slaTiers = new[] { "bronze", "silver" },
            vm = new { vcpu = 1, memoryGib = 2, systemDiskGib = 20, images = new[] { "debian-12" } },
            perUnit = new Dictionary<string, long> { ["vcpu"] = 1, ["memory_gib"] = 2, ["storage_gib"] = 20, ["vms"] = 1 },
        }).Expect(HttpStatusCode.Created);
        await s.Admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/vm-old-{s.Code[^6..]}/deprecate").Expect(HttpStatusCode.OK);
        var deprecated = await s.OrderAsync(SelfService.Vms("tax", 1, plan: $"vm-old-{s.Code[^6..]}")).Expect(HttpStatusCode.Conflict);
        Assert.Equal("order.plan-not-orderable", (string)deprecated["code"]!);

        await broker.As("dept-reader", s.Code).Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders", SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Forbidden);
        var mine = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        await broker.As("dept-admin", "someone-else").Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{(string)mine["id"]!}").Expect(HttpStatusCode.NotFound);
        await broker.As("dept-admin", "someone-else").Send(HttpMethod.Get, $"/api/departments/someone-else/orders/{(string)mine["id"]!}").Expect(HttpStatusCode.NotFound);
        var resource = (string)(await s.ResourcesAsync()).First()!["id"]!;
        await broker.As("dept-admin", "someone-else").Send(HttpMethod.Get, $"/api/departments/someone-else/resources/{resource}").Expect(HttpStatusCode.NotFound);

        Assert.Equal(2, await s.UsedAsync("vcpu") + SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task Rejecting_or_cancelling_a_waiting_order_releases_its_quota_and_illegal_transitions_answer_409()
    {
        var s = await SelfService.CreateAsync(broker, "reject", d => d.WithSystem("tax", envelopeVcpu: 1));

        var waiting = await s.OrderAsync(SelfService.Vms("tax", 2)).Expect(HttpStatusCode.Created);
        var cancelled = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        Assert.Equal(6, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));

        await s.DeptAdmin.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{(string)waiting["id"]!}/reject", new { reason = "not in this year's plan" }).Expect(HttpStatusCode.OK);
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{(string)cancelled["id"]!}/cancel").Expect(HttpStatusCode.OK);

        Assert.Equal(0, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));
        Assert.All(await s.ResourcesAsync(), r => Assert.Equal("deleted", (string)r!["state"]!));
        var again = await s.DeptAdmin.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{(string)waiting["id"]!}/approve").Expect(HttpStatusCode.Conflict);
        Assert.Equal("order.not-pending", (string)again["code"]!);
        var resource = (string)(await s.ResourcesAsync()).First()!["id"]!;
        var illegal = await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{resource}/stop").Expect(HttpStatusCode.Conflict);
        Assert.Equal("resource.illegal-transition", (string)illegal["code"]!);
    }

    private static async Task<string> StateOf(SelfService s, string id) =>
        (string)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK))["state"]!;
}
