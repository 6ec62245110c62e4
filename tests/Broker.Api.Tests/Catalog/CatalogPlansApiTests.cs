using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Catalog.CatalogBodies;
using static Broker.Api.Tests.Hosting.HttpTesting;

namespace Broker.Api.Tests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class CatalogPlansApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _admin = broker.As("platform-admin");

    [Fact]
    public async Task A_created_plan_is_version_one_with_kebab_case_enums_and_its_quota_per_unit()
    {
        var code = NewCode("vm");

        var response = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/catalog/plans/{code}", response.Headers.Location?.OriginalString);
        var plan = await broker.As("dept-reader", "any-dept").Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal((1, "vm", "active"), ((int)plan["version"]!, (string)plan["kind"]!, (string)plan["status"]!));
        Assert.Equal(4, (int)plan["vm"]!["memoryGib"]!);
        Assert.Equal(["debian-12", "kylin-v10"], plan["vm"]!["images"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(["bronze", "silver"], plan["slaTiers"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(1, (int)plan["perUnit"]!["vms"]!);
        Assert.Equal(50, (int)plan["perUnit"]!["storage_gib"]!);
        Assert.Null(plan["database"]);
        Assert.Equal(["plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task A_database_plan_declares_its_quota_for_all_instances()
    {
        var code = NewCode("pg");

        var plan = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", DatabasePlan(code)).Expect(HttpStatusCode.Created);

        Assert.Equal("database", (string)plan["kind"]!);
        Assert.Equal(("postgresql", 3), ((string)plan["database"]!["engine"]!, (int)plan["database"]!["instances"]!));
        Assert.Equal((12, 600, 1), ((int)plan["perUnit"]!["vcpu"]!, (int)plan["perUnit"]!["storage_gib"]!, (int)plan["perUnit"]!["databases"]!));
    }

    [Fact]
    public async Task Changing_a_plan_makes_a_new_version_and_keeps_the_old_one_as_it_was()
    {
        var code = NewCode("ver");
        await broker.CreatedVmPlan(code);

        var updated = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 8)).Expect(HttpStatusCode.OK);

        Assert.Equal((2, 8), ((int)updated["version"]!, (int)updated["perUnit"]!["memory_gib"]!));
        var reader = broker.As("dept-member", "any-dept");
        var latest = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
        var first = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/1").Expect(HttpStatusCode.OK);
        var all = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions").Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)latest["version"]!);
        Assert.Equal((1, 4, 4), ((int)first["version"]!, (int)first["vm"]!["memoryGib"]!, (int)first["perUnit"]!["memory_gib"]!));
        Assert.Equal([1, 2], all.AsArray().Select(v => (int)v!["version"]!));
        Assert.Equal(["plan.version-created", "plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task An_update_with_identical_content_creates_no_version_and_no_audit_row()
    {
        var code = NewCode("same");
        await broker.CreatedVmPlan(code);

        var again = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent()).Expect(HttpStatusCode.OK);
        var withKind = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", """
            {"kind":"vm","nameZh":"小型云主机","nameEn":"Small VM","slaTiers":["bronze","silver"],
             "perUnit":{"vcpu":2,"memory_gib":4,"storage_gib":50,"vms":1},
             "vm":{"vcpu":2,"memoryGib":4,"systemDiskGib":50,"images":["debian-12","kylin-v10"]}}
            """).Expect(HttpStatusCode.OK);

        Assert.Equal(1, (int)again["version"]!);
        Assert.Equal(1, (int)withKind["version"]!);
        await _admin.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/2").Expect(HttpStatusCode.NotFound);
        Assert.Equal(["plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task A_deprecated_plan_shows_deprecated_on_every_version_and_can_still_change()
    {
        var code = NewCode("dep");
        await broker.CreatedVmPlan(code);
        await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 8)).Expect(HttpStatusCode.OK);

        var deprecated = await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/deprecate").Expect(HttpStatusCode.OK);
        await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/deprecate").Expect(HttpStatusCode.OK);

        Assert.Equal("deprecated", (string)deprecated["status"]!);
        var first = await _admin.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/1").Expect(HttpStatusCode.OK);
        Assert.Equal("deprecated", (string)first["status"]!);
        var third = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 16)).Expect(HttpStatusCode.OK);
        Assert.Equal((3, "deprecated"), ((int)third["version"]!, (string)third["status"]!));
        Assert.Equal(["plan.version-created", "plan.deprecated", "plan.version-created", "plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task A_retired_plan_is_listed_as_retired_and_refuses_new_versions_and_deprecation()
    {
        var code = NewCode("ret");
        await broker.CreatedVmPlan(code);

        await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/retire").Expect(HttpStatusCode.OK);
        var put = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 8)).Expect(HttpStatusCode.Conflict);
        var deprecate = await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/deprecate").Expect(HttpStatusCode.Conflict);

        Assert.Equal("plan.retired", (string)put["code"]!);
        Assert.Equal("plan.retired", (string)deprecate["code"]!);
        var retired = await _admin.Send(HttpMethod.Get, $"/api/catalog/plans?status=retired&after={code[..^1]}&limit=1").Expect(HttpStatusCode.OK);
        Assert.Equal((code, "retired"), ((string)retired["items"]![0]!["code"]!, (string)retired["items"]![0]!["status"]!));
        Assert.Equal(["plan.retired", "plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task Unknown_plans_and_versions_are_404_for_reads_and_writes()
    {
        var code = NewCode("none");
        var reader = broker.As("dept-reader", "any-dept");

        var plan = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.NotFound);
        await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions").Expect(HttpStatusCode.NotFound);
        await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/1").Expect(HttpStatusCode.NotFound);
        await reader.Send(HttpMethod.Get, "/api/catalog/plans/NOT_A_CODE").Expect(HttpStatusCode.NotFound);
        await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent()).Expect(HttpStatusCode.NotFound);
        await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/deprecate").Expect(HttpStatusCode.NotFound);
        await _admin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/retire").Expect(HttpStatusCode.NotFound);

        Assert.Equal("plan.not-found", (string)plan["code"]!);
        await broker.CreatedVmPlan(code);
        var version = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/2").Expect(HttpStatusCode.NotFound);
        Assert.Equal("plan.version-not-found", (string)version["code"]!);
    }

    [Fact]
    public async Task Creating_an_existing_code_replays_the_same_content_and_conflicts_on_other_content()
    {
        var code = NewCode("dup");
        await broker.CreatedVmPlan(code);

        var replay = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code)).Expect(HttpStatusCode.OK);
        var conflict = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code, memoryGib: 8)).Expect(HttpStatusCode.Conflict);

        Assert.Equal(1, (int)replay["version"]!);
        Assert.Equal(("plan.exists", "code"), ((string)conflict["code"]!, (string)conflict["field"]!));
        Assert.Equal(["plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_another_body_conflicts()
    {
        var code = NewCode("idem");
        var key = Guid.NewGuid().ToString();

        var first = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code), key);
        var replay = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code), key);
        var other = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code, memoryGib: 8), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("idempotency.key-reused", (string)(await other.Json())["code"]!);
    }

    [Fact]
    public async Task Plans_are_listed_latest_version_first_by_code_filtered_and_paged()
    {
        var prefix = NewCode("lst")[..14];
        await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan($"{prefix}-a")).Expect(HttpStatusCode.Created);
        await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", DatabasePlan($"{prefix}-b")).Expect(HttpStatusCode.Created);
        await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan($"{prefix}-c")).Expect(HttpStatusCode.Created);
        await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{prefix}-c", VmContent(memoryGib: 8)).Expect(HttpStatusCode.OK);
        var reader = broker.As("finance");

        var first = await reader.Send(HttpMethod.Get, $"/api/catalog/plans?after={prefix}&limit=2").Expect(HttpStatusCode.OK);
        var second = await reader.Send(HttpMethod.Get, $"/api/catalog/plans?after={(string)first["next"]!}&limit=1").Expect(HttpStatusCode.OK);
        var databases = await reader.Send(HttpMethod.Get, $"/api/catalog/plans?kind=database&after={prefix}&limit=1").Expect(HttpStatusCode.OK);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], first["items"]!.AsArray().Select(i => (string)i!["code"]!));
        Assert.Equal(($"{prefix}-c", 2), ((string)second["items"]![0]!["code"]!, (int)second["items"]![0]!["version"]!));
        Assert.Equal($"{prefix}-b", (string)databases["items"]![0]!["code"]!);
        var bad = await reader.Send(HttpMethod.Get, "/api/catalog/plans?kind=gpu&status=gone&limit=0").Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "limit", "status"], bad.ErrorFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Offerings_list_vm_and_database_with_their_plans_and_engines()
    {
        var code = NewCode("off");
        await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", DatabasePlan(code)).Expect(HttpStatusCode.Created);

        var offerings = await broker.As("dept-reader", "any-dept").Send(HttpMethod.Get, "/api/catalog/offerings").Expect(HttpStatusCode.OK);

        Assert.Equal(["vm", "database"], offerings.AsArray().Select(o => (string)o!["kind"]!));
        var database = offerings[1]!;
        Assert.Equal(["postgresql"], database["engines"]!.AsArray().Select(e => (string)e!));
        Assert.Contains(code, database["plans"]!.AsArray().Select(p => (string)p!["code"]!));
        Assert.DoesNotContain(code, offerings[0]!["plans"]!.AsArray().Select(p => (string)p!["code"]!));
    }

    [Fact]
    public async Task A_department_admin_cannot_change_the_catalog_and_nothing_changes()
    {
        var code = NewCode("deny");
        await broker.CreatedVmPlan(code);
        var deptAdmin = broker.As("dept-admin", "some-dept");

        await deptAdmin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 8)).Expect(HttpStatusCode.Forbidden);
        await deptAdmin.Send(HttpMethod.Post, $"/api/platform/catalog/plans/{code}/retire").Expect(HttpStatusCode.Forbidden);
        await deptAdmin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(NewCode("deny"))).Expect(HttpStatusCode.Forbidden);

        var plan = await deptAdmin.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal((1, "active"), ((int)plan["version"]!, (string)plan["status"]!));
        Assert.Equal(["plan.created"], await broker.AuditActions("plan", code));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_catalog_routes()
    {
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/api/catalog/plans/{code}/versions/{version}", paths);
        Assert.Contains("/api/catalog/offerings", paths);
        Assert.Contains("/api/platform/catalog/plans/{code}/retire", paths);
        Assert.Contains("/api/platform/catalog/sla-tiers/{code}", paths);
    }
}
