using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Catalog.CatalogBodies;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Catalog;

/// <summary>
/// Every catalog endpoint called by every principal: anyone signed in reads the catalog, only a platform admin
/// changes it (403 for everyone else, department roles included), and an anonymous caller gets 401.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CatalogAuthorizationTests(BrokerApiFactory broker)
{
    private sealed record Case(string Name, HttpStatusCode Success, bool AdminOnly, Func<string, (HttpMethod Method, string Url, object? Body)> Request);

    private static readonly object SilverAsSeeded = new
    {
        nameZh = "银牌", nameEn = "Silver", availabilityPercent = 99.9m, serviceHours = "7x24", rpoMinutes = 60, rtoMinutes = 120, priceMultiplier = 1.2m,
    };

    // Each case gets a freshly created VM plan's code.
    private static readonly Case[] Cases =
    [
        new("sla-tiers.list", HttpStatusCode.OK, false, _ => (HttpMethod.Get, "/api/catalog/sla-tiers", null)),
        new("sla-tiers.get", HttpStatusCode.OK, false, _ => (HttpMethod.Get, "/api/catalog/sla-tiers/gold", null)),
        new("offerings", HttpStatusCode.OK, false, _ => (HttpMethod.Get, "/api/catalog/offerings", null)),
        new("plans.list", HttpStatusCode.OK, false, _ => (HttpMethod.Get, "/api/catalog/plans?kind=vm&status=active", null)),
        new("plans.get", HttpStatusCode.OK, false, code => (HttpMethod.Get, $"/api/catalog/plans/{code}", null)),
        new("plans.versions", HttpStatusCode.OK, false, code => (HttpMethod.Get, $"/api/catalog/plans/{code}/versions", null)),
        new("plans.version", HttpStatusCode.OK, false, code => (HttpMethod.Get, $"/api/catalog/plans/{code}/versions/1", null)),
        new("plans.create", HttpStatusCode.Created, true, code => (HttpMethod.Post, "/api/platform/catalog/plans", VmPlan($"{code}-new"))),
        new("plans.update", HttpStatusCode.OK, true, code => (HttpMethod.Put, $"/api/platform/catalog/plans/{code}", VmContent(memoryGib: 8))),
        new("plans.deprecate", HttpStatusCode.OK, true, code => (HttpMethod.Post, $"/api/platform/catalog/plans/{code}/deprecate", null)),
        new("plans.retire", HttpStatusCode.OK, true, code => (HttpMethod.Post, $"/api/platform/catalog/plans/{code}/retire", null)),
        new("sla-tiers.update", HttpStatusCode.OK, true, _ => (HttpMethod.Put, "/api/platform/catalog/sla-tiers/silver", SilverAsSeeded)),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_catalog_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var code = HttpTesting.NewCode("authz");
            await broker.CreatedVmPlan(code);
            // The catalog is not department-scoped: reads are for everyone, writes for platform admins.
            return For(p, "authz-dept", c.Name, c.Request(code), c.AdminOnly ? ["platform-admin"] : Everyone, c.Success, departmentScoped: false);
        }));
}
