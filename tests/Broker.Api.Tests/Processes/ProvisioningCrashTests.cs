using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.CrashHost;
using Broker.TestSupport.Postgres;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class ProvisioningCrashTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Broker:Demo:Seed"] = "true",
        // Slow enough that the kill lands while the machine room is still building.
        ["Broker:Provisioning:Simulated:ProvisioningDelay"] = "00:00:03",
        ["Broker:Provisioning:ObserveInterval"] = "00:00:00.200",
        ["Broker:Provisioning:ReconcileReminderPeriod"] = "00:00:05",
    };

    [Fact]
    public async Task A_kill_between_approval_and_ready_still_ends_with_every_resource_ready_and_quota_equal_to_the_live_resources()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("provcrash");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-provcrash-{Guid.NewGuid():n}.key");
        var clusterId = $"provcrash-{Guid.NewGuid():n}";
        var ports = BrokerProcess.Ports.Fresh();
        const string code = "housing-fund";
        string orderId;

        await using (var first = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, Settings))
        {
            var admin = first.As("dept-admin", code);
            await ApprovedSystemAsync(first, code);

            var order = await admin.Send(HttpMethod.Post, $"/api/departments/{code}/orders", SelfService.Vms("fund", 3)).Expect(HttpStatusCode.Created);
            orderId = (string)order["id"]!;
            Assert.Equal("approved", (string)order["state"]!);
            // Created right after the answer, off the request path.
            var building = await Eventually(() => Resources(admin, code), r => r.Count == 3, TimeSpan.FromSeconds(30));
            Assert.All(building, r => Assert.Equal("provisioning", (string)r!["state"]!));

            await first.KillAsync();
        }

        await using var second = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, Settings);
        var reader = second.As("dept-reader", code);
        // The grains converge on their own timers.
        var resources = await Eventually(() => Resources(reader, code), all => all.All(r => (string)r!["state"]! == "ready"), TimeSpan.FromSeconds(60));

        Assert.Equal(3, resources.Count);
        Assert.All(resources, r => Assert.Equal("ready", (string)r!["state"]!));
        Assert.All(resources, r => Assert.StartsWith(orderId, (string)r!["id"]!));
        var quota = await reader.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(6, SelfService.Figure(quota, "vcpu", "used"));
        Assert.Equal(0, SelfService.Figure(quota, "vcpu", "reserved"));
        Assert.Equal(3, SelfService.Figure(quota, "vms", "used"));
    }

    [Fact]
    public async Task A_kill_right_after_an_order_is_written_is_finished_by_the_restart_and_its_replay_without_waiting_for_the_sweeper()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("handoff");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-handoff-{Guid.NewGuid():n}.key");
        var clusterId = $"handoff-{Guid.NewGuid():n}";
        var ports = BrokerProcess.Ports.Fresh();
        const string code = "housing-fund";
        var key = Guid.NewGuid().ToString();
        // The order sweeper's tick is an hour away: only the restart or the replay can finish the hand-off in time.
        var settings = new Dictionary<string, string?>(Settings) { ["Broker:Approval:CheckEvery"] = "01:00:00" };

        await using (var first = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports,
            settings, crashPoint: "order-after-placed"))
        {
            await ApprovedSystemAsync(first, code);
            try
            {
                var answer = await first.As("dept-admin", code).Send(HttpMethod.Post, $"/api/departments/{code}/orders", SelfService.Vms("fund", 2), key);
                Assert.Fail($"the order was answered ({(int)answer.StatusCode}) although the broker should have died after writing it");
            }
            catch (HttpRequestException)
            {
                // The connection died with the process, as the client saw it in production.
            }

            Assert.NotEqual(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains($"{CrashPoints.EnvironmentVariable}: crashing after order", first.Output, StringComparison.Ordinal);
        }

        await using var second = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, settings);
        var client = second.As("dept-admin", code);
        var replay = await client.Send(HttpMethod.Post, $"/api/departments/{code}/orders", SelfService.Vms("fund", 2), key).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)replay["state"]!);
        var orderId = (string)replay["id"]!;

        // The resources converge on their own timers.
        var resources = await Eventually(() => Resources(client, code), all => all.Count >= 2 && all.All(r => (string)r!["state"]! == "ready"), TimeSpan.FromSeconds(60));

        Assert.Equal(2, resources.Count);
        Assert.All(resources, r => Assert.Equal("ready", (string)r!["state"]!));
        Assert.All(resources, r => Assert.Equal(orderId, (string)r!["orderId"]!));
        var quota = await client.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(4, SelfService.Figure(quota, "vcpu", "used"));
        Assert.Equal(0, SelfService.Figure(quota, "vcpu", "reserved"));
    }

    private static async Task ApprovedSystemAsync(BrokerProcess broker, string code)
    {
        await broker.As("dept-admin", code).Send(HttpMethod.Put, $"/api/departments/{code}/systems/fund", new
        {
            name = "公积金业务系统",
            omTier = 2,
            buildInvestmentCny = 5_000_000m,
            category = "business-application",
            declarations = new { onSharedCloud = true, networkZone = "extranet", sharingScope = "department", sharedCatalogEntries = new[] { "fund-accounts" } },
        }).Expect(HttpStatusCode.Created);
        await broker.As("platform-admin").Send(HttpMethod.Post, $"/api/platform/systems/{code}/fund/review", new
        {
            approve = true,
            envelope = new { vector = new Dictionary<string, long> { ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 1000, ["vms"] = 8, ["databases"] = 2 }, period = "total" },
        }).Expect(HttpStatusCode.OK);
    }

    private static async Task<JsonArray> Resources(HttpClient client, string code) =>
        (await client.Send(HttpMethod.Get, $"/api/departments/{code}/resources").Expect(HttpStatusCode.OK))["items"]!.AsArray();
}
