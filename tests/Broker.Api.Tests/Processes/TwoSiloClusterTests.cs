using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.TestSupport.Postgres;

namespace Broker.Api.Tests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class TwoSiloClusterTests
{
    [Fact]
    public async Task Two_silo_processes_on_one_database_form_a_cluster_and_stopping_one_loses_nothing()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("cluster");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-cluster-{Guid.NewGuid():n}.key");
        var clusterId = $"cluster-{Guid.NewGuid():n}";
        var codes = Enumerable.Range(0, 8).Select(i => $"cluster-dept-{i}").ToArray();

        await using var a = await BrokerProcess.StartAsync(database, keyFile, clusterId);
        await using var b = await BrokerProcess.StartAsync(database, keyFile, clusterId);
        Assert.Equal(2L, await MembershipTable.ActiveSilosAsync(database, clusterId));

        // Create through one silo, reserve through the other: one activation per department, wherever it lives.
        foreach (var (code, i) in codes.Select((c, i) => (c, i)))
        {
            var (creator, user) = i % 2 == 0 ? (a, b) : (b, a);
            await creator.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code, vcpu: 10)).Expect(HttpStatusCode.Created);
            await user.As("dept-member", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r1", vector = new { vcpu = 4 }, ttlSeconds = 3600 }).Expect(HttpStatusCode.Created);
            await creator.As("dept-member", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r2", vector = new { vcpu = 7 }, ttlSeconds = 3600 }).Expect(HttpStatusCode.Conflict);
        }

        await a.StopAsync(TimeSpan.FromSeconds(60));

        foreach (var code in codes)
        {
            var member = b.As("dept-member", code);
            var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
            Assert.Equal(4, quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["reserved"]!.GetValue<long>());
            await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r3", vector = new { vcpu = 6 }, ttlSeconds = 3600 }).Expect(HttpStatusCode.Created);
        }

        Assert.Equal(1L, await MembershipTable.ActiveSilosAsync(database, clusterId));
    }

    [Fact]
    public async Task The_same_binary_in_role_api_serves_the_api_through_an_external_silo_cluster()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("client");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-client-{Guid.NewGuid():n}.key");
        var clusterId = $"client-{Guid.NewGuid():n}";

        await using var silo = await BrokerProcess.StartAsync(database, keyFile, clusterId);
        await using var client = await BrokerProcess.StartAsync(database, keyFile, clusterId, extra: new Dictionary<string, string?> { ["Broker:Role"] = "api" });

        await client.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department("via-client", vcpu: 10)).Expect(HttpStatusCode.Created);
        await client.As("dept-member", "via-client").Send(HttpMethod.Post, "/api/departments/via-client/reservations", new { id = "r", vector = new { vcpu = 3 } }).Expect(HttpStatusCode.Created);

        var quota = await silo.As("dept-reader", "via-client").Send(HttpMethod.Get, "/api/departments/via-client/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(3, quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["reserved"]!.GetValue<long>());
        Assert.Equal(1L, await MembershipTable.ActiveSilosAsync(database, clusterId)); // the client joined no membership
    }
}
