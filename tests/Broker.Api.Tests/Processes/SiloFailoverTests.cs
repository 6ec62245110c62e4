using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Http;
using Broker.TestSupport.Hosting;
using Broker.TestSupport.Postgres;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

/// <summary>
/// An api process in front of two silos rides over losing one (the small version of the silo churn drill): its callers
/// see at most 503s with Retry-After while Orleans moves the dead silo's grains, never a 500, and then answers again.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SiloFailoverTests
{
    [Fact]
    public async Task Killing_one_of_two_silos_leaves_the_api_answering_and_losing_both_answers_503_with_retry_after()
    {
        using var certificates = ClusterCertificates.CreateAuthority("broker-failover-ca");
        var tls = certificates.WriteDirectory("broker");
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("failover");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-failover-{Guid.NewGuid():n}.key");
        var clusterId = $"failover-{Guid.NewGuid():n}";
        Dictionary<string, string?> As(string role) => new() { ["Broker:Role"] = role, ["Broker:Orleans:Tls:Directory"] = tls };

        await using var a = await BrokerProcess.StartAsync(database, keyFile, clusterId, extra: As("silo"));
        await using var b = await BrokerProcess.StartAsync(database, keyFile, clusterId, extra: As("silo"));
        await using var api = await BrokerProcess.StartAsync(database, keyFile, clusterId, extra: As("api"));
        var codes = Enumerable.Range(0, 6).Select(i => $"failover-{i}").ToArray();
        foreach (var code in codes)
        {
            await api.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code, vcpu: 10)).Expect(HttpStatusCode.Created);
            await api.As("dept-member", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r1", vector = new { vcpu = 4 } }).Expect(HttpStatusCode.Created);
        }

        await b.KillAsync();

        // Every department answers again, with what was acknowledged before the kill; meanwhile only 200 or 503.
        var seen = new List<HttpStatusCode>();
        foreach (var code in codes)
        {
            var reader = api.As("dept-reader", code);
            var quota = await Eventually(async () =>
            {
                var response = await reader.Send(HttpMethod.Get, $"/api/departments/{code}/quota");
                seen.Add(response.StatusCode);
                return response;
            }, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            Assert.Equal(4, (await quota.Json())["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["reserved"]!.GetValue<long>());
        }

        Assert.All(seen, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));

        // With no silo left, the api says so the way callers can act on: 503 problem+json with Retry-After, not a 500.
        await a.KillAsync();
        var reader0 = api.As("dept-reader", codes[0]);
        var unavailable = await Eventually(
            () => reader0.Send(HttpMethod.Get, $"/api/departments/{codes[0]}/quota"),
            r => r.StatusCode != HttpStatusCode.OK,
            TimeSpan.FromSeconds(90));
        await ProblemAssert.Is(unavailable, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
    }
}
