using System.Net.Http.Headers;
using Broker.Api.Identity;
using Broker.KubeStandIn;
using Broker.Silo.Hosting;
using Broker.TestSupport.Hosting;
using Broker.TestSupport.Postgres;
using k8s;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Api.Tests.Capacity;

/// <summary>
/// The whole broker in-process with small capacity pools of its own (instead of the demo pools in appsettings.json,
/// whose list entries configuration would merge with ours), and a Kubernetes API stand-in whose labelled nodes make
/// up the pool <c>kube-1</c>.
/// </summary>
public abstract class CapacityApiFactory(string whenFull) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"broker-test-{Guid.NewGuid():n}.key");
    private KubeStandIn.KubeStandIn? _kube;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Two nodes of 8 CPUs and 32 GiB labelled for kube-1, and one that belongs to no pool.</summary>
    public static readonly IReadOnlyList<NodeSeed> Nodes =
    [
        new("kube-node-1", "8", "32Gi", new Dictionary<string, string> { ["broker.gov.local/pool"] = "kube-1" }),
        new("kube-node-2", "8000m", "32Gi", new Dictionary<string, string> { ["broker.gov.local/pool"] = "kube-1" }),
        new("kube-node-3", "64", "256Gi"),
    ];

    protected abstract IReadOnlyDictionary<string, string?> Pools { get; }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions { Nodes = Nodes });
        _ = Services;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }

        await _database.DisposeAsync();
        File.Delete(_keyFile);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = BrokerSettings.For(_database.ConnectionString, _keyFile, FreePort.Next(), FreePort.Next(), $"cap-test-{Guid.NewGuid():n}");
        settings["Broker:Capacity:WhenFull"] = whenFull;
        // This room serves /metrics without a token (a scraper on the private network), so that set-up is covered too;
        // the other hosts keep the default, a metrics-reader token.
        settings["Broker:Auth:AnonymousMetrics"] = "true";
        foreach (var (key, value) in Pools)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Drop appsettings.json (its demo pools would be merged entry by entry with ours); everything needed is set above.
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            foreach (var json in configuration.Sources.OfType<JsonConfigurationSource>().ToList())
            {
                configuration.Sources.Remove(json);
            }
        });
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(new BrokerClock(Time));
            services.AddSingleton<IKubernetes>(_ => _kube!.Client());
        });
    }

    public HttpClient As(string role, string? department = null)
    {
        var options = new AuthOptions { SigningKeyFile = _keyFile };
        var token = new TokenIssuer(options, SigningKey.LoadOrCreate(_keyFile), TimeProvider.System).Issue($"{role}@{department ?? "platform"}", role, department);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() => CreateClient();

    protected static void Pool(Dictionary<string, string?> settings, int index, string name, string zone, string backend, long vcpu, double overcommit, long memory, long storage = 0, bool fromNodes = false)
    {
        var at = $"Broker:Capacity:Pools:{index}";
        settings[$"{at}:Name"] = name;
        settings[$"{at}:Zones:0"] = zone;
        settings[$"{at}:Backend"] = backend;
        settings[$"{at}:Overcommit:vcpu"] = overcommit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"{at}:FromKubernetesNodes"] = fromNodes ? "true" : "false";
        if (!fromNodes)
        {
            settings[$"{at}:Physical:vcpu"] = vcpu.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"{at}:Physical:memory_gib"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (storage > 0)
        {
            settings[$"{at}:Physical:storage_gib"] = storage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// Refusing room: two equal extranet pools (ext-a, ext-b: 16 cores at 4:1, 256 GiB), a small internet pool (net-1:
/// 4 cores at 2:1, 32 GiB, 1000 GiB storage) and a Kubernetes pool read from nodes for dedicated lines (kube-1).
/// </summary>
public sealed class RefusingRoomFactory() : CapacityApiFactory("refuse")
{
    protected override IReadOnlyDictionary<string, string?> Pools
    {
        get
        {
            var settings = new Dictionary<string, string?>();
            Pool(settings, 0, "ext-a", "extranet", "simulated", 16, 4.0, 256);
            Pool(settings, 1, "ext-b", "extranet", "simulated", 16, 4.0, 256);
            Pool(settings, 2, "net-1", "internet", "simulated", 4, 2.0, 32, storage: 1000);
            Pool(settings, 3, "kube-1", "dedicated-line", "kubernetes", 0, 2.0, 0, fromNodes: true);
            return settings;
        }
    }
}

/// <summary>Queueing room: one extranet pool of 4 vCPU (no overcommit), 64 GiB.</summary>
public sealed class QueueingRoomFactory() : CapacityApiFactory("queue")
{
    protected override IReadOnlyDictionary<string, string?> Pools
    {
        get
        {
            var settings = new Dictionary<string, string?>();
            Pool(settings, 0, "queue-1", "extranet", "simulated", 4, 1.0, 64);
            return settings;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RefusingRoomCollection : ICollectionFixture<RefusingRoomFactory>
{
    public const string Name = "capacity-refusing-room";
}

[CollectionDefinition(Name)]
public sealed class QueueingRoomCollection : ICollectionFixture<QueueingRoomFactory>
{
    public const string Name = "capacity-queueing-room";
}
