using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Catalog.CatalogBodies;

namespace Broker.Api.Tests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class SlaTiersApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _admin = broker.As("platform-admin");

    private static object Silver(decimal multiplier = 1.2m, string hours = "7x24") => new
    {
        nameZh = "银牌",
        nameEn = "Silver",
        availabilityPercent = 99.9m,
        serviceHours = hours,
        rpoMinutes = 60,
        rtoMinutes = 120,
        priceMultiplier = multiplier,
    };

    [Fact]
    public async Task Everyone_signed_in_reads_the_three_seeded_tiers_with_their_figures()
    {
        var tiers = await broker.As("dept-reader", "any-dept").Send(HttpMethod.Get, "/api/catalog/sla-tiers").Expect(HttpStatusCode.OK);

        Assert.Equal(["bronze", "silver", "gold"], tiers.AsArray().Select(t => (string)t!["code"]!));
        var bronze = tiers[0]!;
        var gold = tiers[2]!;
        Assert.Equal(("5x8", 99.5m), ((string)bronze["serviceHours"]!, (decimal)bronze["availabilityPercent"]!));
        Assert.Equal(("7x24", 99.95m, 1.5m), ((string)gold["serviceHours"]!, (decimal)gold["availabilityPercent"]!, (decimal)gold["priceMultiplier"]!));
        Assert.True((int)gold["rpoMinutes"]! < (int)bronze["rpoMinutes"]! && (int)gold["rtoMinutes"]! < (int)bronze["rtoMinutes"]!);
        var one = await broker.As("finance").Send(HttpMethod.Get, "/api/catalog/sla-tiers/gold").Expect(HttpStatusCode.OK);
        Assert.Equal("Gold", (string)one["nameEn"]!);
    }

    [Fact]
    public async Task A_platform_admin_changes_a_tier_with_an_audit_row_and_an_identical_change_writes_nothing()
    {
        try
        {
            var updated = await _admin.Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", Silver(multiplier: 1.25m)).Expect(HttpStatusCode.OK);
            var auditId = await broker.LatestAuditId();
            await _admin.Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", Silver(multiplier: 1.25m)).Expect(HttpStatusCode.OK);

            Assert.Equal(1.25m, (decimal)updated["priceMultiplier"]!);
            Assert.Equal(auditId, await broker.LatestAuditId());
            var read = await broker.As("dept-member", "any-dept").Send(HttpMethod.Get, "/api/catalog/sla-tiers/silver").Expect(HttpStatusCode.OK);
            Assert.Equal(1.25m, (decimal)read["priceMultiplier"]!);
            Assert.Equal("sla-tier.updated", (await broker.AuditActions("sla-tier", "silver"))[0]);
        }
        finally
        {
            // The tiers are shared by every test in the collection: put silver back.
            await _admin.Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", Silver()).Expect(HttpStatusCode.OK);
        }
    }

    public static TheoryData<string, string> InvalidTiers() => new()
    {
        { """{"nameZh":"银牌","nameEn":"Silver","availabilityPercent":100,"serviceHours":"7x24","rpoMinutes":60,"rtoMinutes":120,"priceMultiplier":1.2}""", "availabilityPercent" },
        { """{"nameZh":"银牌","nameEn":"Silver","availabilityPercent":99.9,"serviceHours":"24x7","rpoMinutes":60,"rtoMinutes":120,"priceMultiplier":1.2}""", "serviceHours" },
        { """{"nameZh":"银牌","nameEn":"Silver","availabilityPercent":99.9,"serviceHours":"7x24","rpoMinutes":-1,"rtoMinutes":120,"priceMultiplier":1.2}""", "rpoMinutes" },
        { """{"nameZh":"银牌","nameEn":"Silver","availabilityPercent":99.9,"serviceHours":"7x24","rpoMinutes":60,"rtoMinutes":120,"priceMultiplier":0}""", "priceMultiplier" },
        { """{"nameZh":"银牌","nameEn":"Silver","availabilityPercent":99.9,"serviceHours":"7x24","rpoMinutes":60,"rtoMinutes":120}""", "priceMultiplier" },
        { """{"nameZh":"银牌","availabilityPercent":99.9,"serviceHours":"7x24","rpoMinutes":60,"rtoMinutes":120,"priceMultiplier":1.2}""", "nameEn" },
    };

    [Theory]
    [MemberData(nameof(InvalidTiers))]
    public async Task A_bad_tier_gets_a_problem_naming_the_field_and_changes_nothing(string body, string field)
    {
        var before = await broker.LatestAuditId();

        var problem = await _admin.Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", body).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await broker.LatestAuditId());
        var silver = await _admin.Send(HttpMethod.Get, "/api/catalog/sla-tiers/silver").Expect(HttpStatusCode.OK);
        Assert.Equal(1.2m, (decimal)silver["priceMultiplier"]!);
    }

    [Fact]
    public async Task An_unknown_tier_is_404_and_only_a_platform_admin_may_change_a_tier()
    {
        await _admin.Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/platinum", Silver()).Expect(HttpStatusCode.NotFound);
        await _admin.Send(HttpMethod.Get, "/api/catalog/sla-tiers/platinum").Expect(HttpStatusCode.NotFound);
        await broker.As("platform-operator").Send(HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", Silver(multiplier: 9m)).Expect(HttpStatusCode.Forbidden);

        var silver = await _admin.Send(HttpMethod.Get, "/api/catalog/sla-tiers/silver").Expect(HttpStatusCode.OK);
        Assert.Equal(1.2m, (decimal)silver["priceMultiplier"]!);
    }
}
