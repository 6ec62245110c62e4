using System.Security.Cryptography;
using k8s;

namespace Broker.KubeStandIn;

/// <summary>
/// The cluster a Kubernetes-facing test runs against: the real one named by <c>BROKER_TEST_KUBECONFIG</c> (a
/// kubeconfig path) when set, else a fresh <see cref="KubeStandIn"/>. Tests that need the stand-in's extras (fault
/// injection, driving the fake controllers) check <see cref="StandIn"/> and skip or wait on real conditions otherwise.
/// </summary>
public sealed class KubeTestCluster : IAsyncDisposable
{
    /// <summary>The environment variable naming a kubeconfig of a real cluster to test against.</summary>
    public const string KubeconfigVariable = "BROKER_TEST_KUBECONFIG";

    private readonly Kubernetes? ownedClient;

    private KubeTestCluster(KubernetesClientConfiguration configuration, IKubernetes client, Kubernetes? ownedClient, KubeStandIn? standIn)
    {
        Configuration = configuration;
        Client = client;
        this.ownedClient = ownedClient;
        StandIn = standIn;
    }

    /// <summary>The stand-in, or null on a real cluster.</summary>
    public KubeStandIn? StandIn { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public IKubernetes Client { get; }

    /// <summary>Where the tests run, for test output.</summary>
    public string Description => StandIn is null ? $"real cluster at {Configuration.Host}" : $"Kubernetes API server stand-in at {StandIn.Url}";

    /// <summary>Uses <c>BROKER_TEST_KUBECONFIG</c> when set, else starts a stand-in.</summary>
    public static Task<KubeTestCluster> StartAsync(KubeStandInOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(Environment.GetEnvironmentVariable(KubeconfigVariable), options, cancellationToken);

    /// <summary>Uses the kubeconfig at <paramref name="kubeconfigPath"/> when given, else starts a stand-in.</summary>
    public static async Task<KubeTestCluster> StartAsync(string? kubeconfigPath, KubeStandInOptions? options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(kubeconfigPath))
        {
            var standIn = await KubeStandIn.StartAsync(options, cancellationToken);
            return new KubeTestCluster(standIn.ClientConfiguration(), standIn.Client(), null, standIn);
        }

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        var client = new Kubernetes(configuration);
        return new KubeTestCluster(configuration, client, client, null);
    }

    /// <summary>A namespace name of the given prefix that no other test run uses, so runs on a shared cluster do not collide.</summary>
    public static string UniqueNamespace(string prefix) =>
        $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";

    public async ValueTask DisposeAsync()
    {
        ownedClient?.Dispose();
        if (StandIn is not null)
        {
            await StandIn.DisposeAsync();
        }
    }
}
