using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;

namespace Broker.Api.Tests.Quotas;

/// <summary>
/// A property over random interleavings (seeded, so a failure replays): a department's tooling calls the public
/// reservation routes, aiming at its VMs' ids as often as at its own, while members place orders, delete and resize
/// VMs, a few calls at a time concurrently. After every round, once the VMs have converged, the use the broker holds
/// for the department's resources (used minus the department's own committed holds) is exactly what its ready and
/// stopped VMs hold, never less; and what it holds for VMs still waiting is exactly their vectors.
/// </summary>
// A broker of its own: these orders would otherwise fill the shared test machine room for the collection's other tests.
public sealed class QuotaInterleavingTests(BrokerApiFactory broker) : IClassFixture<BrokerApiFactory>
{
    private static readonly string[] Dimensions = ["vcpu", "memory_gib", "storage_gib", "vms"];

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(2026)]
    public async Task Public_reservation_calls_interleaved_with_orders_deletions_and_resizes_never_leave_used_below_the_live_vms(int seed)
    {
        var random = new Random(seed);
        var s = await SelfService.CreateAsync(broker, "interleave", d => d.WithSystem("tax", envelopeVcpu: 64));
        var reservations = $"/api/departments/{s.Code}/reservations";
        var vms = new List<string>();
        var toolIds = new[] { "tool-a", "tool-b" };

        for (var round = 0; round < 40; round++)
        {
            var calls = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var target = vms.Count > 0 && random.Next(3) > 0 ? vms[random.Next(vms.Count)] : toolIds[random.Next(toolIds.Length)];
                return random.Next(8) switch
                {
                    0 => Allowed(s.OrderAsync(SelfService.Vms("tax", random.Next(1, 3))), HttpStatusCode.Created, HttpStatusCode.Conflict),
                    1 when vms.Count > 0 => Allowed(s.Member.Send(HttpMethod.Delete, $"/api/departments/{s.Code}/resources/{target}"), HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound),
                    2 when vms.Count > 0 => Allowed(
                        s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{target}/resize", new { planCode = random.Next(2) == 0 ? "vm-medium" : "vm-small" }),
                        HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound),
                    3 => Allowed(
                        s.Member.Send(HttpMethod.Post, reservations, new { id = target, vector = new Dictionary<string, long> { [Dimensions[random.Next(Dimensions.Length)]] = random.Next(1, 3) } }),
                        HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict),
                    4 => Allowed(s.Member.Send(HttpMethod.Post, $"{reservations}/{target}/commit"), HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict),
                    5 => Allowed(s.Member.Send(HttpMethod.Post, $"{reservations}/{target}/release"), HttpStatusCode.OK, HttpStatusCode.NotFound),
                    6 => Allowed(s.Member.Send(HttpMethod.Get, $"{reservations}/{target}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
                    _ => Allowed(s.Member.Send(HttpMethod.Get, reservations), HttpStatusCode.OK),
                };
            }).ToList();
            await Task.WhenAll(calls);

            await s.ReconcileAllAsync(broker);
            var resources = await s.ResourcesAsync();
            vms = resources.Where(r => (string)r!["state"]! != "deleted").Select(r => (string)r!["id"]!).ToList();
            await AssertBrokerHoldsExactlyTheVmsAsync(s, resources, $"seed {seed}, round {round}");
        }
    }

    private static async Task Allowed(Task<HttpResponseMessage> call, params HttpStatusCode[] statuses)
    {
        var response = await call;
        Assert.True(statuses.Contains(response.StatusCode), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertBrokerHoldsExactlyTheVmsAsync(SelfService s, JsonArray resources, string when)
    {
        var quota = await s.QuotaAsync();
        var own = (await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/reservations").Expect(HttpStatusCode.OK)).AsArray();
        foreach (var dimension in Dimensions)
        {
            long Sum(IEnumerable<JsonNode?> nodes, Func<JsonNode, JsonNode?> vector) => nodes.Sum(n => vector(n!)?[dimension]?.GetValue<long>() ?? 0);
            var ownUsed = Sum(own.Where(r => (string)r!["state"]! == "committed"), r => r["vector"]);
            var ownHeld = Sum(own.Where(r => (string)r!["state"]! == "held"), r => r["vector"]);
            var inUse = Sum(resources.Where(r => (string)r!["state"]! is "ready" or "stopped"), r => r["spec"]!["vector"]);
            var waiting = Sum(resources.Where(r => (string)r!["state"]! is "pending-approval" or "approved" or "provisioning"), r => r["spec"]!["vector"]);

            Assert.True(SelfService.Figure(quota, dimension, "used") - ownUsed == inUse, $"{when}: {dimension} used {SelfService.Figure(quota, dimension, "used")} - own {ownUsed} != VMs {inUse}");
            Assert.True(SelfService.Figure(quota, dimension, "reserved") - ownHeld == waiting, $"{when}: {dimension} reserved {SelfService.Figure(quota, dimension, "reserved")} - own {ownHeld} != waiting {waiting}");
        }
    }
}
