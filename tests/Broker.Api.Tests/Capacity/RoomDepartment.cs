using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Catalog;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Silo.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Capacity;

/// <summary>A department with one approved system in a chosen network zone, ordering against a capacity test room.</summary>
public sealed class RoomDepartment(CapacityApiFactory room, string code)
{
    public string Code { get; } = code;

    public HttpClient Admin { get; } = room.As("platform-admin");

    public HttpClient Member { get; } = room.As("dept-member", code);

    public static async Task<RoomDepartment> CreateAsync(CapacityApiFactory room, string prefix, string system, string zone, Dictionary<string, long> envelope, long vcpuQuota = 64)
    {
        await CatalogDemoData.SeedAsync(room.Services.GetRequiredService<CatalogStore>(), Actor.System("test"));
        var code = await Setup.Department(prefix)
            .WithQuota(new Dictionary<string, long> { ["vcpu"] = vcpuQuota, ["memory_gib"] = 512, ["storage_gib"] = 10000, ["vms"] = 50, ["databases"] = 4 })
            .WithSystem(system, envelope: envelope, zone: zone, investment: 1_000_000m)
            .CreateAsync(room.As);
        return new RoomDepartment(room, code);
    }

    /// <summary>Places an order and, when placed, waits until its resources exist (they are created after the answer).</summary>
    public async Task<HttpResponseMessage> OrderAsync(string system, int quantity, string plan = "vm-small", string? language = null)
    {
        var response = await Member.Send(HttpMethod.Post, $"/api/departments/{Code}/orders", new { systemId = system, planCode = plan, slaTier = "silver", quantity, image = "debian-12" }, language: language);
        if (response.IsSuccessStatusCode)
        {
            await HandOffs.WaitAsync(room.Services, await response.Json());
        }

        return response;
    }

    public async Task<JsonArray> ResourcesAsync() =>
        (await Member.Send(HttpMethod.Get, $"/api/departments/{Code}/resources?limit=200").Expect(HttpStatusCode.OK))["items"]!.AsArray();

    public async Task ReconcileAsync(CapacityApiFactory room)
    {
        var grains = room.Services.GetRequiredService<IGrainFactory>();
        foreach (var r in await ResourcesAsync())
        {
            await grains.GetGrain<IResourceGrain>((string)r!["id"]!).ReconcileAsync();
        }
    }

    /// <summary>Deletes every live resource and drives them to deleted, giving their capacity back.</summary>
    public async Task DeleteAllAsync(CapacityApiFactory room)
    {
        foreach (var r in await ResourcesAsync())
        {
            if ((string)r!["state"]! is not "deleted")
            {
                await Member.Send(HttpMethod.Delete, $"/api/departments/{Code}/resources/{(string)r["id"]!}").Expect(HttpStatusCode.OK);
            }
        }

        await ReconcileAsync(room);
        Assert.All(await ResourcesAsync(), r => Assert.Equal("deleted", (string)r!["state"]!));
    }

    public static async Task<JsonNode> ReportAsync(CapacityApiFactory room) =>
        await room.As("platform-operator").Send(HttpMethod.Get, "/api/platform/capacity").Expect(HttpStatusCode.OK);

    public static JsonNode Figure(JsonNode report, string pool, string dimension) =>
        report["pools"]!.AsArray().Single(p => (string)p!["name"]! == pool)!["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == dimension)!;

    public static long Free(JsonNode report, string pool, string dimension) => (long)Figure(report, pool, dimension)["free"]!;
}
