using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.TestSupport.Postgres;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_reservation_survives_a_hard_kill_and_nothing_unrequested_appears()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("crash");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-crash-{Guid.NewGuid():n}.key");
        var clusterId = $"crash-{Guid.NewGuid():n}";
        const string code = "crash-dept";
        var attempted = new ConcurrentDictionary<string, long>();
        var acknowledged = new ConcurrentDictionary<string, long>();
        var ports = BrokerProcess.Ports.Fresh();

        await using (var first = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports))
        {
            await first.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code, vcpu: 100_000)).Expect(HttpStatusCode.Created);
            var member = first.As("dept-member", code);
            using var killed = new CancellationTokenSource();

            var clients = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
            {
                for (var i = 0; !killed.IsCancellationRequested && i < 500; i++)
                {
                    var id = $"c{client}-{i}";
                    var vcpu = 1 + ((client + i) % 3);
                    attempted[id] = vcpu;
                    try
                    {
                        var response = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id, vector = new { vcpu }, ttlSeconds = 86_400 });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[id] = vcpu;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToList();

            // Kill while requests are in flight, once a good number have been acknowledged.
            await Eventually(() => acknowledged.Count >= 150 || clients.All(c => c.IsCompleted), TimeSpan.FromMinutes(2));

            await first.KillAsync();
            killed.Cancel();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= 150, $"only {acknowledged.Count} acknowledged before the kill");

        await using var second = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports);
        var reader = second.As("dept-reader", code);
        var live = (await reader.Send(HttpMethod.Get, $"/api/departments/{code}/reservations").Expect(HttpStatusCode.OK)).AsArray()
            .ToDictionary(r => (string)r!["id"]!, r => r!["vector"]!["vcpu"]!.GetValue<long>());
        var quota = await reader.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        var reserved = quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["reserved"]!.GetValue<long>();

        Assert.All(acknowledged, a => Assert.Equal(a.Value, live.GetValueOrDefault(a.Key)));
        Assert.All(live, l => Assert.Equal(attempted[l.Key], l.Value)); // nothing that was not asked for
        Assert.Equal(live.Values.Sum(), reserved);                       // the figures match the reservations
    }
}
