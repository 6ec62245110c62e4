using System.Net;
using System.Net.Sockets;
using Broker.Api.Tests.Hosting;
using Broker.TestSupport.Hosting;

namespace Broker.Api.Tests.Processes;

/// <summary>
/// The same binary as silo, api and all (docs/cluster.md): each role serves its own part only, and the cluster's
/// mutual TLS keeps out every process without a certificate of the cluster CA.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterRolesTests(TlsCluster cluster) : IClassFixture<TlsCluster>
{
    private static readonly TimeSpan GivingUp = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_quota_call_through_the_api_process_is_served_by_the_two_silos_while_the_api_process_hosts_no_grain()
    {
        const string code = "tls-roles";
        await cluster.Api.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code, vcpu: 10)).Expect(HttpStatusCode.Created);
        var member = cluster.Api.As("dept-member", code);
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r1", vector = new { vcpu = 3 } }).Expect(HttpStatusCode.Created);
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "r2", vector = new { vcpu = 8 } }).Expect(HttpStatusCode.Conflict);

        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(3, quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!["reserved"]!.GetValue<long>());

        // The two silos are the cluster; the api process is no member and listens on neither Orleans port.
        Assert.Equal(
            new HashSet<int> { cluster.SiloA.Endpoints.Silo, cluster.SiloB.Endpoints.Silo },
            await MembershipTable.ActiveSiloPortsAsync(cluster.Database, cluster.ClusterId));
        Assert.False(await Listens(cluster.Api.Endpoints.Silo));
        Assert.False(await Listens(cluster.Api.Endpoints.Gateway));
        Assert.True(await Listens(cluster.SiloA.Endpoints.Gateway));
    }

    [Fact]
    public async Task A_silo_process_serves_no_api_only_health_readiness_and_metrics_on_its_management_port()
    {
        var silo = cluster.SiloA;
        Assert.False(await Listens(silo.Endpoints.Http)); // the Urls it was given are ignored

        var management = silo.As("dept-reader", "tls-roles");
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/healthz")).StatusCode);
        await management.Send(HttpMethod.Get, "/readyz").Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await management.Send(HttpMethod.Get, "/api/departments/tls-roles/quota")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.Send(HttpMethod.Get, "/openapi/v1.json")).StatusCode);

        // /metrics follows the metrics rule of every role: a metrics-reader token, unless made anonymous.
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.Endpoints.Management}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await management.GetAsync("/metrics")).StatusCode);
        var scrape = await silo.As("metrics-reader").GetStringAsync("/metrics");
        Assert.Contains("broker_", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_without_the_cluster_certificate_or_with_one_from_another_ca_never_joins()
    {
        using var stranger = AnotherAuthority();
        // Orleans gives up joining after 5 x ProbeTimeout x NumMissedProbesLimit without an answer from every member.
        var quick = new Dictionary<string, string?>
        {
            ["Broker:Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Broker:Orleans:Membership:NumMissedProbesLimit"] = "2",
        };
        await using var plain = cluster.Launch("silo", tls: null, quick);
        await using var foreign = cluster.Launch("silo", stranger.WriteDirectory("intruder"), quick);

        Assert.NotEqual(0, await plain.WaitForExitAsync(GivingUp));
        Assert.NotEqual(0, await foreign.WaitForExitAsync(GivingUp));

        // Both got as far as asking to join, and neither was ever active; the cluster is still its two silos.
        Assert.True(await MembershipTable.HasRowAsync(cluster.Database, cluster.ClusterId, plain.Endpoints.Silo), plain.Output);
        Assert.True(await MembershipTable.HasRowAsync(cluster.Database, cluster.ClusterId, foreign.Endpoints.Silo), foreign.Output);
        Assert.Equal(
            new HashSet<int> { cluster.SiloA.Endpoints.Silo, cluster.SiloB.Endpoints.Silo },
            await MembershipTable.ActiveSiloPortsAsync(cluster.Database, cluster.ClusterId));
    }

    [Fact]
    public async Task An_api_process_without_the_cluster_certificate_or_with_one_from_another_ca_cannot_reach_a_grain()
    {
        using var stranger = AnotherAuthority();
        var quick = new Dictionary<string, string?>
        {
            ["Broker:Orleans:ConnectTimeout"] = "00:00:06",
            ["Broker:Orleans:ResponseTimeout"] = "00:00:05",
        };
        await using var plain = cluster.Launch("api", tls: null, quick);
        await using var foreign = cluster.Launch("api", stranger.WriteDirectory("intruder"), quick);

        // The client never connects: it retries, gives up, and the process ends before it ever serves a request.
        Assert.NotEqual(0, await plain.WaitForExitAsync(GivingUp));
        Assert.NotEqual(0, await foreign.WaitForExitAsync(GivingUp));
        Assert.Contains("No silo gateway answered", plain.Output, StringComparison.Ordinal);
        Assert.Contains("No silo gateway answered", foreign.Output, StringComparison.Ordinal);

        // The legitimate api process, same cluster, same moment, reaches grains (readiness pings one).
        await cluster.Api.As("platform-admin").Send(HttpMethod.Get, "/readyz").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_role_stops_the_process_at_start_with_the_accepted_values()
    {
        await using var process = cluster.Launch("gateway", cluster.TlsDirectory);
        Assert.NotEqual(0, await process.WaitForExitAsync(GivingUp));
        Assert.Contains("Broker:Role must be 'all', 'silo' or 'api' (was 'gateway').", process.Output, StringComparison.Ordinal);
    }

    private static ClusterCertificates AnotherAuthority() => ClusterCertificates.CreateAuthority("another-cluster-ca");

    /// <summary>Whether anything accepts a TCP connection on <paramref name="port"/> of loopback.</summary>
    private static async Task<bool> Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
