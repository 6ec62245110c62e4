using Broker.TestSupport.Hosting;
using Broker.TestSupport.Postgres;

namespace Broker.Api.Tests.Processes;

/// <summary>
/// Two processes in role <c>silo</c> and one in role <c>api</c> on one database, every Orleans connection mutual TLS
/// with one certificate from a CA made for the test: the deployment of docs/cluster.md, on loopback.
/// </summary>
public sealed class TlsCluster : IAsyncLifetime
{
    public ClusterCertificates Certificates { get; } = ClusterCertificates.CreateAuthority("broker-test-cluster-ca");

    public string Database { get; private set; } = "";

    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"broker-tls-{Guid.NewGuid():n}.key");

    public string ClusterId { get; } = $"tls-{Guid.NewGuid():n}";

    /// <summary>The one directory every legitimate process reads (one certificate for all, as the docs allow).</summary>
    public string TlsDirectory { get; private set; } = "";

    public BrokerProcess SiloA { get; private set; } = null!;

    public BrokerProcess SiloB { get; private set; } = null!;

    public BrokerProcess Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("tlscluster");
        TlsDirectory = Certificates.WriteDirectory("broker");
        SiloA = await StartAsync("silo", TlsDirectory);
        SiloB = await StartAsync("silo", TlsDirectory);
        Api = await StartAsync("api", TlsDirectory);
    }

    /// <summary>A process of this cluster in <paramref name="role"/>, with the TLS directory given (none: plain TCP).</summary>
    public Task<BrokerProcess> StartAsync(string role, string? tls, IReadOnlyDictionary<string, string?>? extra = null) =>
        BrokerProcess.StartAsync(Database, KeyFile, ClusterId, extra: Settings(role, tls, extra));

    /// <summary>As <see cref="StartAsync"/>, for a process expected to fail: not waited for.</summary>
    public BrokerProcess Launch(string role, string? tls, IReadOnlyDictionary<string, string?>? extra = null) =>
        BrokerProcess.Launch(Database, KeyFile, ClusterId, extra: Settings(role, tls, extra));

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { Api, SiloB, SiloA }.Where(p => p is not null))
        {
            await process.DisposeAsync();
        }

        Certificates.Dispose();
        File.Delete(KeyFile);
    }

    private static Dictionary<string, string?> Settings(string role, string? tls, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?> { ["Broker:Role"] = role, ["Broker:Orleans:Tls:Directory"] = tls };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
