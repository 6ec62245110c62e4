using System.Net;
using Broker.Api.Catalog;
using Broker.Api.Localization;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Catalog.CatalogBodies;
using static Broker.Api.Tests.Hosting.HttpTesting;

namespace Broker.Api.Tests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class CatalogValidationApiTests(BrokerApiFactory broker)
{
    private const string Vm = "\"vm\":{\"vcpu\":2,\"memoryGib\":4,\"systemDiskGib\":50,\"images\":[\"debian-12\"]}";
    private const string Pg = "\"database\":{\"engine\":\"postgresql\",\"engineVersion\":\"16\",\"vcpu\":2,\"memoryGib\":8,\"storageGib\":100,\"instances\":1,\"backupRetentionDays\":7,\"connectionLimit\":100}";

    private readonly HttpClient _admin = broker.As("platform-admin");

    /// <summary>A create body whose code is <c>{code}</c> (filled in per test) with one thing wrong, and the field that must be named.</summary>
    public static TheoryData<string, string> InvalidCreates() => new()
    {
        { $$"""{"kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Vm}}}""", "code" },
        { $$"""{"code":"Bad_Code","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Vm}}}""", "code" },
        { $$"""{"code":"{code}","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Vm}}}""", "kind" },
        { $$"""{"code":"{code}","kind":"gpu","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Vm}}}""", "kind" },
        { $$"""{"code":"{code}","kind":"vm","nameEn":"A","slaTiers":["bronze"],{{Vm}}}""", "nameZh" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A",{{Vm}}}""", "slaTiers" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":[],{{Vm}}}""", "slaTiers" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze","platinum"],{{Vm}}}""", "slaTiers[1]" },
        { """{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"]}""", "vm" },
        { """{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"vm":{"memoryGib":4,"systemDiskGib":50,"images":["debian-12"]}}""", "vm.vcpu" },
        { """{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"vm":{"vcpu":0,"memoryGib":4,"systemDiskGib":50,"images":["debian-12"]}}""", "vm.vcpu" },
        { """{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"vm":{"vcpu":2,"memoryGib":4,"systemDiskGib":50,"images":["Debian 12"]}}""", "vm.images[0]" },
        { """{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"vm":{"vcpu":"two","memoryGib":4,"systemDiskGib":50,"images":[]}}""", "vm.vcpu" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Vm}},{{Pg}}}""", "database" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"perUnit":{"vcpu":1,"memory_gib":4,"storage_gib":50,"vms":1},{{Vm}}}""", "perUnit.vcpu" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"perUnit":{"vcpu":2,"memory_gib":4,"storage_gib":50,"vms":1,"gpu":1},{{Vm}}}""", "perUnit.gpu" },
        { $$"""{"code":"{code}","kind":"vm","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"perUnit":{"vcpu":2,"memory_gib":4,"storage_gib":50,"vms":0},{{Vm}}}""", "perUnit.vms" },
        { $$"""{"code":"{code}","kind":"database","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Pg.Replace("\"instances\":1", "\"instances\":2", StringComparison.Ordinal)}}}""", "database.instances" },
        { $$"""{"code":"{code}","kind":"database","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Pg.Replace("postgresql", "oracle", StringComparison.Ordinal)}}}""", "database.engine" },
        { """{"code":"{code}","kind":"database","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],"database":{"engine":"postgresql","vcpu":2}}""", "database.engineVersion" },
        { """{"code":"{code}",""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_creates_nothing(string template, string field)
    {
        var code = NewCode("bad");
        var before = await broker.LatestAuditId();

        var response = await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", template.Replace("{code}", code, StringComparison.Ordinal), language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Contains(field, problem.ErrorFields());
        // A code without a text would come back as the code itself.
        Assert.NotEqual((string)problem["code"]!, (string)problem["detail"]!);
        Assert.Equal(before, await broker.LatestAuditId());
        await _admin.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_update_names_the_field_and_leaves_the_plan_at_its_version()
    {
        var code = NewCode("badput");
        await broker.CreatedVmPlan(code);

        var missing = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", """{"nameZh":"甲","slaTiers":["gold","gold"],"vm":{"vcpu":2}}""").Expect(HttpStatusCode.BadRequest);
        var kind = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", $$"""{"kind":"database","nameZh":"甲","nameEn":"A","slaTiers":["gold"],{{Pg}}}""").Expect(HttpStatusCode.BadRequest);
        var tiers = await _admin.Send(HttpMethod.Put, $"/api/platform/catalog/plans/{code}", $$"""{"nameZh":"甲","nameEn":"A","slaTiers":["gold","gold"],{{Vm}}}""").Expect(HttpStatusCode.BadRequest);

        Assert.Equal(["nameEn", "vm.images", "vm.memoryGib", "vm.systemDiskGib"], missing.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Equal("plan.kind-immutable", (string)kind["code"]!);
        Assert.Equal(["kind"], kind.ErrorFields());
        Assert.Equal(["slaTiers[1]"], tiers.ErrorFields());
        Assert.Equal(["plan.created"], await broker.AuditActions("plan", code));
        Assert.Equal(1, (int)(await _admin.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK))["version"]!);
    }

    [Fact]
    public async Task Catalog_messages_follow_the_callers_language_and_default_to_chinese()
    {
        var body = $$"""{"code":"{{NewCode("lang")}}","kind":"database","nameZh":"甲","nameEn":"A","slaTiers":["bronze"],{{Pg.Replace("\"instances\":1", "\"instances\":2", StringComparison.Ordinal)}}}""";

        var zh = await (await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", body)).Json();
        var en = await (await _admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", body, language: "en-US")).Json();

        Assert.Equal("plan.instances-invalid", (string)zh["code"]!);
        Assert.Contains("高可用", (string)zh["detail"]!);
        Assert.Contains("high availability", (string)en["detail"]!);
    }

    [Fact]
    public void Every_catalog_message_has_both_languages_and_is_reachable_through_messages()
    {
        Assert.All(CatalogMessages.All, pair =>
        {
            Assert.True(Messages.Has(pair.Key), pair.Key);
            Assert.False(string.IsNullOrWhiteSpace(pair.Value.Zh), pair.Key);
            Assert.False(string.IsNullOrWhiteSpace(pair.Value.En), pair.Key);
        });
    }
}
