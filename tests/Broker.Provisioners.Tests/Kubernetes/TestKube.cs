using System.Text.Json.Nodes;
using Broker.KubeStandIn;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using k8s;
using Microsoft.Extensions.Time.Testing;
using static Broker.TestSupport.Polling;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>
/// A cluster (the stand-in, or the real one of <c>BROKER_TEST_KUBECONFIG</c>), a provisioner talking to it, and a
/// department of its own, so tests on a shared cluster never see each other's objects.
/// </summary>
internal sealed class TestKube : IAsyncDisposable
{
    private static readonly TimeSpan RealClusterTimeout = TimeSpan.FromMinutes(10);

    private TestKube(KubeTestCluster cluster, FakeTimeProvider clock)
    {
        Cluster = cluster;
        Clock = clock;
        Department = KubeTestCluster.UniqueNamespace("t");
        Provisioner = new KubernetesProvisioner(cluster.Client, Options);
    }

    public static KubernetesProvisionerOptions Options => new()
    {
        Images = new Dictionary<string, string>
        {
            ["debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
            ["rhel-9"] = "https://images.cloud.gov.internal/rhel-9.qcow2",
        },
        PostgresImageRepository = "ghcr.io/cloudnative-pg/postgresql",
        StorageClass = "gov-ssd",
        NetworkZones = new Dictionary<string, NetworkZoneOptions>
        {
            ["extranet"] = new() { Cidrs = ["10.20.0.0/16", "10.21.0.0/16"] },
            ["internet"] = new() { NamespaceSelectors = [new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "ingress-nginx" }] },
        },
    };

    public KubeTestCluster Cluster { get; }

    /// <summary>The stand-in; null on a real cluster, where the tests that need it return early.</summary>
    public Broker.KubeStandIn.KubeStandIn? StandIn => Cluster.StandIn;

    public IKubernetes Client => Cluster.Client;

    public FakeTimeProvider Clock { get; }

    public KubernetesProvisioner Provisioner { get; }

    public string Department { get; }

    public string Namespace => $"dept-{Department}";

    public static async Task<TestKube> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        return new TestKube(await KubeTestCluster.StartAsync(new KubeStandInOptions { TimeProvider = clock }), clock);
    }

    public DesiredResource Vm(string id, bool running = true, string image = "debian-12") =>
        new(id, WorkloadKind.Vm, Department, "hf-portal", "vm-standard", 1, "silver", "extranet", 2, 8, 50, running, Image: image);

    public DesiredResource Database(string id, int instances = 2) =>
        new(id, WorkloadKind.Database, Department, "hf-portal", "pg-ha", 1, "gold", "extranet", 2, 8, 50, true,
            DatabaseName: "portal", EngineVersion: "17", Instances: instances, BackupRetentionDays: 7);

    /// <summary>
    /// Lets the operators act and observes: on the stand-in by advancing its clock past the controllers' delay, on a
    /// real cluster by polling until the phase is no longer Pending (KubeVirt and CNPG take minutes there).
    /// </summary>
    public async Task<ObservedResource> SettleAsync(string resourceId)
    {
        if (StandIn is not null)
        {
            Clock.Advance(StandIn.Controllers.Delay);
            StandIn.Controllers.RunOnce();
            return await Provisioner.ObserveAsync(resourceId);
        }

        return await Eventually(() => Provisioner.ObserveAsync(resourceId), observed => observed.Phase is not (ObservedPhase.Pending or ObservedPhase.Deleting), RealClusterTimeout);
    }

    public async Task<JsonObject?> GetCustomAsync(string group, string version, string plural, string name)
    {
        try
        {
            var body = await Client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, Namespace, plural, name);
            return JsonNode.Parse(KubernetesJson.Serialize(body))!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<JsonArray> ListCustomAsync(string group, string version, string plural, string? labelSelector = null)
    {
        var body = await Client.CustomObjects.ListNamespacedCustomObjectAsync(group, version, Namespace, plural, labelSelector: labelSelector);
        return JsonNode.Parse(KubernetesJson.Serialize(body))!["items"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Namespace);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // Never created, or already going.
        }

        await Cluster.DisposeAsync();
    }
}
