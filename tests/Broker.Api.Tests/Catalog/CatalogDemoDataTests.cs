using System.Net;
using Broker.Api.Catalog;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Common;
using Broker.Silo.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class CatalogDemoDataTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Seeding_twice_creates_the_five_demo_plans_once_with_gold_only_on_the_larger_ones()
    {
        var store = broker.Services.GetRequiredService<CatalogStore>();
        var actor = Actor.System("demo-seed-test");

        await CatalogDemoData.SeedAsync(store, actor);
        Assert.Equal(0, await CatalogDemoData.SeedAsync(store, actor));

        var reader = broker.As("dept-reader", "any-dept");
        var plans = new Dictionary<string, System.Text.Json.Nodes.JsonNode>();
        foreach (var code in new[] { "vm-small", "vm-medium", "vm-large", "pg-single", "pg-ha" })
        {
            plans[code] = await reader.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
            Assert.Equal(1, (int)plans[code]["version"]!);
        }

        var withGold = plans.Where(p => p.Value["slaTiers"]!.AsArray().Any(t => (string)t! == "gold")).Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["pg-ha", "vm-large", "vm-medium"], withGold);
        Assert.Equal(["debian-12", "kylin-v10", "uos-20"], plans["vm-small"]["vm"]!["images"]!.AsArray().Select(i => (string)i!));
        Assert.Equal((16, 64, 200), ((int)plans["vm-large"]["vm"]!["vcpu"]!, (int)plans["vm-large"]["vm"]!["memoryGib"]!, (int)plans["vm-large"]["vm"]!["systemDiskGib"]!));
        var ha = plans["pg-ha"]["database"]!;
        Assert.Equal(("16", 3, 14, 200), ((string)ha["engineVersion"]!, (int)ha["instances"]!, (int)ha["backupRetentionDays"]!, (int)ha["connectionLimit"]!));
        Assert.Equal(12, (int)plans["pg-ha"]["perUnit"]!["vcpu"]!);
        Assert.Equal((1, 100), ((int)plans["pg-single"]["database"]!["instances"]!, (int)plans["pg-single"]["perUnit"]!["storage_gib"]!));
    }

    [Fact]
    public void Every_demo_plan_passes_the_catalogs_own_rules()
    {
        var quota = broker.Services.GetRequiredService<Broker.Silo.Quotas.QuotaValidation>();

        Assert.All(CatalogDemoData.Plans, plan =>
        {
            Assert.True(CatalogValidation.IsPlanCode(plan.Code));
            Assert.Empty(CatalogValidation.Plan(plan.Draft, quota, ["bronze", "silver", "gold"]));
        });
    }
}
