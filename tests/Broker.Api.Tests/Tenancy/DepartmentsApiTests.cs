using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.HttpTesting;

namespace Broker.Api.Tests.Tenancy;

[Collection(ApiCollection.Name)]
public sealed class DepartmentsApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _admin = broker.As("platform-admin");

    public static TheoryData<string, string> InvalidCreates() => new()
    {
        { """{"code":"Bad_Code","nameZh":"甲","nameEn":"A","quota":{"vcpu":1}}""", "code" },
        { """{"nameZh":"甲","nameEn":"A","quota":{"vcpu":1}}""", "code" },
        { """{"code":"valid-code-1","nameEn":"A","quota":{"vcpu":1}}""", "nameZh" },
        { """{"code":"valid-code-2","nameZh":"甲","nameEn":"A","quota":{"vcpu":-4}}""", "quota.vcpu" },
        { """{"code":"valid-code-3","nameZh":"甲","nameEn":"A","quota":{"gpu":1}}""", "quota.gpu" },
        { """{"code":"valid-code-4","nameZh":"甲","nameEn":"A","quota":{"vcpu":99999999999999999999}}""", "quota.vcpu" },
        { """{"code":"valid-code-5","nameZh":"甲","nameEn":"A","quota":{"vcpu":"many"}}""", "quota.vcpu" },
        { """{"code":"valid-code-6","nameZh":"甲","nameEn":"A","status":"closed"}""", "status" },
        { """{"code":"valid-code-7","nameZh":"甲","nameEn":"A","parentCode":"no-such-parent"}""", "parentCode" },
        { """{"code":"valid-code-8","nameZh":"甲","nameEn":"A","contacts":[{"email":"x@y"}]}""", "contacts[0].name" },
        { """{"code":"valid-code-9",""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_creates_nothing(string body, string field)
    {
        var before = await AuditCount();

        var response = await _admin.Send(HttpMethod.Post, "/api/platform/departments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Contains(field, problem["errors"]!.AsObject().Select(p => p.Key));
        Assert.Equal(before, await AuditCount());
        await _admin.Send(HttpMethod.Get, "/api/platform/departments/valid-code-2").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_department_is_created_read_updated_listed_and_deleted_with_an_audit_trail()
    {
        var code = NewCode("crud");
        var created = await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code)).Expect(HttpStatusCode.Created);
        Assert.Equal(32, created["quota"]!["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["limit"]!.GetValue<long>());

        await _admin.Send(HttpMethod.Put, $"/api/platform/departments/{code}", new { nameZh = "改名局", nameEn = "Renamed Bureau", status = "suspended" }).Expect(HttpStatusCode.OK);
        var read = await _admin.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal("改名局", (string)read["nameZh"]!);
        Assert.Equal("suspended", (string)read["status"]!);

        var listed = await _admin.Send(HttpMethod.Get, "/api/platform/departments?status=suspended&limit=200").Expect(HttpStatusCode.OK);
        Assert.Contains(code, listed["items"]!.AsArray().Select(i => (string)i!["code"]!));

        await _admin.Send(HttpMethod.Delete, $"/api/platform/departments/{code}").Expect(HttpStatusCode.NoContent);
        await _admin.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.NotFound);

        var audit = await _admin.Send(HttpMethod.Get, $"/api/platform/audit?department={code}&actor=platform-admin@platform").Expect(HttpStatusCode.OK);
        Assert.Equal(
            ["department.deleted", "department.profile-updated", "department.created"],
            audit["items"]!.AsArray().Select(i => (string)i!["action"]!));
        Assert.Equal("Test Bureau", (string)audit["items"]![1]!["before"]!["nameEn"]!);
        Assert.Equal("Renamed Bureau", (string)audit["items"]![1]!["after"]!["nameEn"]!);
    }

    [Fact]
    public async Task Listing_pages_by_code_with_a_cursor()
    {
        var prefix = NewCode("page")[..12];
        foreach (var i in Enumerable.Range(0, 3))
        {
            await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department($"{prefix}-{i}")).Expect(HttpStatusCode.Created);
        }

        var first = await _admin.Send(HttpMethod.Get, $"/api/platform/departments?after={prefix}&limit=2").Expect(HttpStatusCode.OK);
        var second = await _admin.Send(HttpMethod.Get, $"/api/platform/departments?after={(string)first["next"]!}&limit=2").Expect(HttpStatusCode.OK);

        Assert.Equal([$"{prefix}-0", $"{prefix}-1"], first["items"]!.AsArray().Select(i => (string)i!["code"]!));
        Assert.Equal($"{prefix}-2", (string)second["items"]![0]!["code"]!);
        await _admin.Send(HttpMethod.Get, "/api/platform/departments?limit=0").Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_another_body_conflicts()
    {
        var code = NewCode("idem");
        var key = Guid.NewGuid().ToString();

        var first = await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code), key);
        var replay = await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code), key);
        var other = await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code, vcpu: 8), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var audit = await _admin.Send(HttpMethod.Get, $"/api/platform/audit?department={code}").Expect(HttpStatusCode.OK);
        Assert.Single(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task Creating_an_existing_code_with_other_content_conflicts()
    {
        var code = NewCode("dup");
        await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code)).Expect(HttpStatusCode.Created);
        await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code)).Expect(HttpStatusCode.OK);
        var conflict = await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(code, vcpu: 1)).Expect(HttpStatusCode.Conflict);
        Assert.Equal("department.exists", (string)conflict["code"]!);
    }

    [Fact]
    public async Task Messages_follow_the_callers_language_and_default_to_chinese()
    {
        var body = """{"code":"X!","nameZh":"甲","nameEn":"A"}""";
        var zh = await (await _admin.Send(HttpMethod.Post, "/api/platform/departments", body)).Json();
        var en = await (await _admin.Send(HttpMethod.Post, "/api/platform/departments", body, language: "en-US")).Json();

        Assert.Contains("部门代码", (string)zh["detail"]!);
        Assert.Contains("department code", (string)en["detail"]!);
    }

    [Fact]
    public async Task A_department_reads_only_the_audit_entries_about_itself()
    {
        var mine = NewCode("mine");
        var theirs = NewCode("theirs");
        await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(mine)).Expect(HttpStatusCode.Created);
        await _admin.Send(HttpMethod.Post, "/api/platform/departments", Department(theirs)).Expect(HttpStatusCode.Created);

        var audit = await broker.As("dept-reader", mine).Send(HttpMethod.Get, $"/api/departments/{mine}/audit").Expect(HttpStatusCode.OK);

        var departments = audit["items"]!.AsArray().Select(i => (string?)i!["department"]).Distinct().ToList();
        Assert.Equal([mine], departments);
    }

    private async Task<int> AuditCount()
    {
        var audit = await _admin.Send(HttpMethod.Get, "/api/platform/audit?limit=200").Expect(HttpStatusCode.OK);
        return audit["items"]!.AsArray().Count + (audit["next"] is JsonValue ? 1000 : 0);
    }
}
