using Broker.Contracts.Common;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Localization;
using Broker.Api.Systems;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Microsoft.Extensions.DependencyInjection;
using static Broker.Api.Tests.Systems.SystemBodies;

namespace Broker.Api.Tests.Systems;

[Collection(ApiCollection.Name)]
public sealed class SystemsApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _admin = broker.As("platform-admin");

    [Fact]
    public async Task A_department_registers_a_system_reads_it_and_registering_the_same_again_changes_nothing()
    {
        var code = await DepartmentAsync(broker, "sys-reg");
        var member = broker.As("dept-member", code);
        var url = $"/api/departments/{code}/systems/fund-core";

        var created = await member.Send(HttpMethod.Put, url, Registration().ToJsonString()).Expect(HttpStatusCode.Created);
        var again = await member.Send(HttpMethod.Put, url, Registration().ToJsonString()).Expect(HttpStatusCode.OK);
        var read = await broker.As("dept-reader", code).Send(HttpMethod.Get, url).Expect(HttpStatusCode.OK);

        Assert.Equal("proposed", (string)created["status"]!);
        Assert.Equal("department", (string)created["declarations"]!["sharingScope"]!);
        Assert.Equal("extranet", (string)read["declarations"]!["networkZone"]!);
        Assert.Equal(["公积金缴存信息", "个人贷款信息"], read["declarations"]!["sharedCatalogEntries"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(240_000m, read["omFee"]!["annualMinCny"]!.GetValue<decimal>());
        Assert.Equal(300_000m, read["omFee"]!["annualMaxCny"]!.GetValue<decimal>());
        Assert.Equal(created.ToJsonString(), again.ToJsonString());
        var audit = await _admin.Send(HttpMethod.Get, $"/api/platform/audit?department={code}&objectType=system").Expect(HttpStatusCode.OK);
        Assert.Equal("system.registered", (string)Assert.Single(audit["items"]!.AsArray())!["action"]!);
        await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems/no-such-system").Expect(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidRegistrations() => new()
    {
        { "blank-name", "name" },
        { "tier", "omTier" },
        { "tier-not-a-number", "omTier" },
        { "investment-decimals", "buildInvestmentCny" },
        { "investment-zero", "buildInvestmentCny" },
        { "category", "category" },
        { "no-declarations", "declarations" },
        { "off-cloud-no-reason", "declarations.notOnCloudReason" },
        { "zone", "declarations.networkZone" },
        { "scope", "declarations.sharingScope" },
        { "no-entries", "declarations.sharedCatalogEntries" },
        { "blank-entry", "declarations.sharedCatalogEntries[1]" },
        { "bad-id", "id" },
        { "truncated", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Bad_registrations_get_a_problem_naming_the_field_and_change_nothing(string @case, string field)
    {
        var code = await DepartmentAsync(broker, "sys-bad");
        var body = Registration();
        var d = body["declarations"]!.AsObject();
        var id = "fund-core";
        string? raw = null;
        switch (@case)
        {
            case "blank-name": body["name"] = " "; break;
            case "tier": body["omTier"] = 4; break;
            case "tier-not-a-number": body["omTier"] = "two"; break;
            case "investment-decimals": body["buildInvestmentCny"] = 1000.005m; break;
            case "investment-zero": body["buildInvestmentCny"] = 0; break;
            case "category": body["category"] = "portal"; break;
            case "no-declarations": body.Remove("declarations"); break;
            case "off-cloud-no-reason": d["onSharedCloud"] = false; break;
            case "zone": d["networkZone"] = "intranet"; break;
            case "scope": d["sharingScope"] = "world"; break;
            case "no-entries": d["sharingScope"] = "cross-department"; d["sharedCatalogEntries"] = new JsonArray(); break;
            case "blank-entry": d["sharedCatalogEntries"] = new JsonArray("人口信息", ""); break;
            case "bad-id": id = "Fund_Core"; break;
            case "truncated": raw = """{"name":"x",""" ; break;
        }

        var member = broker.As("dept-member", code);
        var response = await member.Send(HttpMethod.Put, $"/api/departments/{code}/systems/{id}", raw ?? body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Contains(field, problem["errors"]!.AsObject().Select(p => p.Key));
        var listed = await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems").Expect(HttpStatusCode.OK);
        Assert.Empty(listed["items"]!.AsArray());
        var audit = await _admin.Send(HttpMethod.Get, $"/api/platform/audit?department={code}&objectType=system").Expect(HttpStatusCode.OK);
        Assert.Empty(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var code = await DepartmentAsync(broker, "sys-many");
        var body = Registration();
        body["omTier"] = 0;
        body["category"] = "portal";
        body["declarations"]!["networkZone"] = null;

        var problem = await broker.As("dept-admin", code).Send(HttpMethod.Put, $"/api/departments/{code}/systems/fund-core", body.ToJsonString())
            .Expect(HttpStatusCode.BadRequest);

        Assert.Equal(["category", "declarations.networkZone", "omTier"], problem["errors"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("public-service", "政务服务平台", "shared government service platform")]
    [InlineData("internal-collaboration", "协同办公系统", "shared office system")]
    [InlineData("information-publishing", "政府网站集约化平台", "shared website platform")]
    public async Task A_category_that_may_not_be_built_separately_points_to_the_shared_platform_until_justified_and_exempted(string category, string zh, string en)
    {
        var code = await DepartmentAsync(broker, "sys-shared");
        var member = broker.As("dept-member", code);
        var url = $"/api/departments/{code}/systems/portal";

        var refusedZh = await member.Send(HttpMethod.Put, url, Registration(category: category).ToJsonString()).Expect(HttpStatusCode.Conflict);
        var refusedEn = await member.Send(HttpMethod.Put, url, Registration(category: category).ToJsonString(), language: "en").Expect(HttpStatusCode.Conflict);

        Assert.Equal($"system.shared-platform.{category}", (string)refusedZh["code"]!);
        Assert.Equal("category", (string)refusedZh["field"]!);
        Assert.Contains(zh, (string)refusedZh["detail"]!);
        Assert.Contains(en, (string)refusedEn["detail"]!);
        await member.Send(HttpMethod.Get, url).Expect(HttpStatusCode.NotFound);

        var proposed = await member.Send(HttpMethod.Put, url, Registration(category: category, justification: "须对接部门专网终端").ToJsonString())
            .Expect(HttpStatusCode.Created);
        Assert.Equal("须对接部门专网终端", (string)proposed["exemptionJustification"]!);

        var review = $"/api/platform/systems/{code}/portal/review";
        var noExemption = await _admin.Send(HttpMethod.Post, review, Approve()).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("system.exemption-required", (string)noExemption["code"]!);
        Assert.Contains("exemptionReason", noExemption["errors"]!.AsObject().Select(p => p.Key));

        var approved = await _admin.Send(HttpMethod.Post, review, Approve(exemption: "评审会议纪要第 12 号同意豁免")).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);
        Assert.Equal("评审会议纪要第 12 号同意豁免", (string)approved["exemptionReason"]!);
        var audit = await _admin.Send(HttpMethod.Get, $"/api/platform/audit?department={code}&objectType=system").Expect(HttpStatusCode.OK);
        Assert.Equal("评审会议纪要第 12 号同意豁免", (string)audit["items"]![0]!["after"]!["exemptionReason"]!);
    }

    [Fact]
    public async Task Review_rejects_with_a_note_a_resubmission_returns_to_the_queue_and_approval_freezes_the_registration()
    {
        var code = await DepartmentAsync(broker, "sys-review");
        var id = await RegisterAsync(broker, code);
        var member = broker.As("dept-member", code);
        var url = $"/api/departments/{code}/systems/{id}";
        var review = $"/api/platform/systems/{code}/{id}/review";

        var rejected = await _admin.Send(HttpMethod.Post, review, Reject()).Expect(HttpStatusCode.OK);
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("与全市统一平台功能重复", (string)rejected["reviewNote"]!);
        Assert.Equal("platform-admin@platform", (string)rejected["reviewedBy"]!);

        var resubmitted = await member.Send(HttpMethod.Put, url, Registration(investment: 2_000_000m).ToJsonString()).Expect(HttpStatusCode.OK);
        Assert.Equal("proposed", (string)resubmitted["status"]!);
        Assert.Null(resubmitted["reviewNote"]);

        var approved = await _admin.Send(HttpMethod.Post, review, Approve(vcpu: 8)).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);
        Assert.Equal("per-year", (string)approved["envelope"]!["period"]!);
        Assert.Equal(8, approved["envelope"]!["vector"]!["vcpu"]!.GetValue<long>());
        await _admin.Send(HttpMethod.Post, review, Approve(vcpu: 8)).Expect(HttpStatusCode.OK);

        var frozen = await member.Send(HttpMethod.Put, url, Registration(investment: 9_000_000m).ToJsonString()).Expect(HttpStatusCode.Conflict);
        Assert.Equal("system.approved-frozen", (string)frozen["code"]!);
        var late = await _admin.Send(HttpMethod.Post, review, Reject()).Expect(HttpStatusCode.Conflict);
        Assert.Equal("system.already-reviewed", (string)late["code"]!);
        await member.Send(HttpMethod.Put, url, Registration(investment: 2_000_000m).ToJsonString()).Expect(HttpStatusCode.OK);
        await _admin.Send(HttpMethod.Post, $"/api/platform/systems/{code}/no-such-system/review", Reject()).Expect(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidReviews() => new()
    {
        { """{"note":"x"}""", "approve" },
        { """{"approve":true}""", "envelope" },
        { """{"approve":true,"envelope":{"period":"total"}}""", "envelope.vector" },
        { """{"approve":true,"envelope":{"vector":{"vcpu":-1},"period":"total"}}""", "envelope.vector.vcpu" },
        { """{"approve":true,"envelope":{"vector":{"gpu":1},"period":"total"}}""", "envelope.vector.gpu" },
        { """{"approve":true,"envelope":{"vector":{"vcpu":1},"period":"monthly"}}""", "envelope.period" },
        { """{"approve":false}""", "note" },
        { """{"approve":"yes"}""", "approve" },
    };

    [Theory]
    [MemberData(nameof(InvalidReviews))]
    public async Task Bad_reviews_name_the_field_and_leave_the_system_proposed(string body, string field)
    {
        var code = await DepartmentAsync(broker, "sys-badrev");
        var id = await RegisterAsync(broker, code);

        var problem = await _admin.Send(HttpMethod.Post, $"/api/platform/systems/{code}/{id}/review", body).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(p => p.Key));
        var read = await _admin.Send(HttpMethod.Get, $"/api/departments/{code}/systems/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("proposed", (string)read["status"]!);
    }

    [Fact]
    public async Task An_approved_envelope_decides_whether_an_order_stays_inside_it()
    {
        var code = await DepartmentAsync(broker, "sys-env");
        var id = await RegisterAsync(broker, code);
        var grain = broker.Services.GetRequiredService<IGrainFactory>().GetSystem(new SystemKey(code, id));
        QuotaVector V(long vcpu) => new(new Dictionary<string, long> { ["vcpu"] = vcpu });

        Assert.Equal("system.not-approved", (await grain.CheckOrderAsync(V(1))).Refusal!.Code);
        await _admin.Send(HttpMethod.Post, $"/api/platform/systems/{code}/{id}/review", Approve(vcpu: 8)).Expect(HttpStatusCode.OK);
        await grain.AllocateAsync("order-1", V(6));

        Assert.True((await grain.CheckOrderAsync(V(2))).WithinEnvelope);
        Assert.False((await grain.CheckOrderAsync(V(3))).WithinEnvelope);
        var read = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/systems/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal(6, read["allocated"]!["vcpu"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_platform_queue_lists_proposed_systems_across_departments_until_reviewed()
    {
        var first = await DepartmentAsync(broker, "sys-qa");
        var second = await DepartmentAsync(broker, "sys-qb");
        var a = await RegisterAsync(broker, first);
        var b = await RegisterAsync(broker, second);
        var operatorClient = broker.As("platform-operator");

        var queue = await operatorClient.Send(HttpMethod.Get, "/api/platform/systems?status=proposed&limit=200").Expect(HttpStatusCode.OK);
        var keys = queue["items"]!.AsArray().Select(i => $"{(string)i!["department"]!}/{(string)i["id"]!}").ToList();
        Assert.Contains($"{first}/{a}", keys);
        Assert.Contains($"{second}/{b}", keys);

        await _admin.Send(HttpMethod.Post, $"/api/platform/systems/{first}/{a}/review", Approve()).Expect(HttpStatusCode.OK);
        var mine = await operatorClient.Send(HttpMethod.Get, $"/api/platform/systems?status=proposed&department={first}").Expect(HttpStatusCode.OK);
        Assert.Empty(mine["items"]!.AsArray());
        var approved = await operatorClient.Send(HttpMethod.Get, $"/api/platform/systems?status=approved&department={first}").Expect(HttpStatusCode.OK);
        Assert.Equal(a, (string)Assert.Single(approved["items"]!.AsArray())!["id"]!);
        await operatorClient.Send(HttpMethod.Get, "/api/platform/systems?status=waiting").Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lists_page_with_a_cursor_and_filter_by_status_and_category()
    {
        var code = await DepartmentAsync(broker, "sys-list");
        var member = broker.As("dept-member", code);
        foreach (var (id, category) in new[] { ("a-app", "business-application"), ("b-data", "data-service"), ("c-data", "data-service") })
        {
            await member.Send(HttpMethod.Put, $"/api/departments/{code}/systems/{id}", Registration(category: category).ToJsonString()).Expect(HttpStatusCode.Created);
        }

        var first = await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems?limit=2").Expect(HttpStatusCode.OK);
        var second = await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems?limit=2&after={(string)first["next"]!}").Expect(HttpStatusCode.OK);
        var data = await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems?category=data-service&status=proposed").Expect(HttpStatusCode.OK);
        var platform = await _admin.Send(HttpMethod.Get, $"/api/platform/systems?department={code}&limit=1&after={code}/a-app").Expect(HttpStatusCode.OK);

        Assert.Equal(["a-app", "b-data"], first["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal("b-data", (string)first["next"]!);
        Assert.Equal(["c-data"], second["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Null(second["next"]);
        Assert.Equal(["b-data", "c-data"], data["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal("data-service", (string)data["items"]![0]!["category"]!);
        Assert.Equal($"{code}/b-data", (string)platform["next"]!);
        await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems?category=portal").Expect(HttpStatusCode.BadRequest);
        await member.Send(HttpMethod.Get, $"/api/departments/{code}/systems?limit=0").Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_systems_code_has_both_texts_and_the_routes_are_documented()
    {
        foreach (var (code, (zh, en)) in SystemsMessages.All)
        {
            Assert.True(Messages.Has(code), code);
            Assert.False(string.IsNullOrWhiteSpace(zh), code);
            Assert.False(string.IsNullOrWhiteSpace(en), code);
        }

        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/departments/{code}/systems/{id}", paths);
        Assert.Contains("/api/platform/systems", paths);
        Assert.Contains("/api/platform/systems/{department}/{id}/review", paths);
    }
}
