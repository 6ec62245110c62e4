using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Catalog;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Systems;
using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Silo.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Orders;

/// <summary>A department with an approved system, ready to order from the demo catalog.</summary>
public sealed class SelfService(BrokerApiFactory broker, string code)
{
    public string Code { get; } = code;

    public HttpClient Admin { get; } = broker.As("platform-admin");

    public HttpClient Operator { get; } = broker.As("platform-operator");

    public HttpClient DeptAdmin { get; } = broker.As("dept-admin", code);

    public HttpClient Member { get; } = broker.As("dept-member", code);

    public static Task<SelfService> CreateAsync(BrokerApiFactory broker, string prefix, long vcpu = 64) => CreateAsync(broker, prefix, d => d, vcpu);

    /// <summary>The department as <see cref="Setup"/> builds it with <paramref name="with"/> (its systems), on this class's quota, and the demo catalog.</summary>
    public static async Task<SelfService> CreateAsync(BrokerApiFactory broker, string prefix, Func<DepartmentSetup, DepartmentSetup> with, long vcpu = 64)
    {
        await CatalogDemoData.SeedAsync(broker.Services.GetRequiredService<CatalogStore>(), Actor.System("test"));
        var department = with(Setup.Department(prefix).WithQuota(new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = 256, ["storage_gib"] = 4000, ["vms"] = 10, ["databases"] = 4 }));
        return new SelfService(broker, await department.CreateAsync(broker));
    }

    /// <summary>Registers a system after the department exists (as <see cref="DepartmentSetup.WithSystem"/> would, unapproved).</summary>
    public async Task RegisterSystemAsync(string id, string category = "business-application", string? justification = null) =>
        await DeptAdmin.Send(HttpMethod.Put, $"/api/departments/{Code}/systems/{id}", SystemBodies.Registration(category: category, justification: justification).ToJsonString())
            .Expect(HttpStatusCode.Created);

    public async Task ApproveSystemAsync(string id, long envelopeVcpu = 16) =>
        await Admin.Send(HttpMethod.Post, $"/api/platform/systems/{Code}/{id}/review", DepartmentSetup.Approval(DepartmentSetup.OrderEnvelope(envelopeVcpu), "total"))
            .Expect(HttpStatusCode.OK);

    /// <summary>
    /// Places an order as a member and, when it is placed, waits until its resources exist (they are created after the
    /// answer): the tests that use this go on to work with them. <see cref="PlaceAsync"/> does not wait.
    /// </summary>
    public async Task<HttpResponseMessage> OrderAsync(object body, string? key = null)
    {
        var response = await PlaceAsync(body, key);
        if (response.IsSuccessStatusCode)
        {
            await HandOffs.WaitAsync(broker.Services, await response.Json());
        }

        return response;
    }

    /// <summary>Places an order as a member; the answer comes before its resources exist.</summary>
    public Task<HttpResponseMessage> PlaceAsync(object body, string? key = null) =>
        Member.Send(HttpMethod.Post, $"/api/departments/{Code}/orders", body, key);

    public static object Vms(string system, int quantity, string plan = "vm-small", string tier = "silver", DateTimeOffset? leaseEnd = null) =>
        new { systemId = system, planCode = plan, slaTier = tier, quantity, image = "debian-12", leaseEnd };

    public async Task<JsonNode> QuotaAsync() => await Member.Send(HttpMethod.Get, $"/api/departments/{Code}/quota").Expect(HttpStatusCode.OK);

    public async Task<long> UsedAsync(string dimension) => Figure(await QuotaAsync(), dimension, "used");

    public static long Figure(JsonNode quota, string dimension, string figure) =>
        quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == dimension)![figure]!.GetValue<long>();

    public async Task<JsonArray> ResourcesAsync(string? state = null) =>
        (await Member.Send(HttpMethod.Get, $"/api/departments/{Code}/resources?limit=200{(state is null ? "" : "&state=" + state)}").Expect(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>Drives every resource of the department through one reconciliation round, as the timer would.</summary>
    public async Task ReconcileAllAsync(BrokerApiFactory broker)
    {
        var grains = broker.Services.GetRequiredService<IGrainFactory>();
        foreach (var r in await ResourcesAsync())
        {
            await grains.GetGrain<IResourceGrain>((string)r!["id"]!).ReconcileAsync();
        }
    }

    /// <summary>used + reserved of the department equals what its live resources hold, dimension by dimension.</summary>
    public async Task AssertQuotaMatchesResourcesAsync()
    {
        var quota = await QuotaAsync();
        var live = (await ResourcesAsync()).Where(r => (string)r!["state"]! is not "deleted").ToList();
        foreach (var dimension in new[] { "vcpu", "memory_gib", "storage_gib", "vms", "databases" })
        {
            var held = live.Sum(r => r!["spec"]!["vector"]![dimension]?.GetValue<long>() ?? 0);
            Assert.Equal(held, Figure(quota, dimension, "used") + Figure(quota, dimension, "reserved"));
        }
    }
}
