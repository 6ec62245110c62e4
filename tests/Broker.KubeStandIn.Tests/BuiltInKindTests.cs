using System.Text;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class BuiltInKindTests : StandInTest
{
    [Fact]
    public async Task Seeded_nodes_report_their_allocatable_cpu_and_memory()
    {
        var nodes = await Client.CoreV1.ListNodeAsync();

        Assert.Equal(["standin-node-1", "standin-node-2", "standin-node-3"], nodes.Items.Select(n => n.Metadata.Name));
        Assert.All(nodes.Items, n =>
        {
            Assert.Equal("16", n.Status.Allocatable["cpu"].ToString());
            Assert.Equal(64L * 1024 * 1024 * 1024, n.Status.Allocatable["memory"].ToInt64());
            Assert.Null(n.Metadata.NamespaceProperty);
        });
    }

    [Fact]
    public async Task Node_seeds_can_be_chosen()
    {
        await using var standIn = await KubeStandIn.StartAsync(new KubeStandInOptions
        {
            TimeProvider = Time,
            Nodes = [new NodeSeed("rack-01", "64", "256Gi", new Dictionary<string, string> { ["broker/host-group"] = "rack" })],
        });

        var node = Assert.Single((await standIn.Client().CoreV1.ListNodeAsync(labelSelector: "broker/host-group=rack")).Items);

        Assert.Equal("64", node.Status.Allocatable["cpu"].ToString());
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_base64_data()
    {
        var ns = await NamespaceAsync();

        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            StringData = new Dictionary<string, string> { ["password"] = "s3cret" },
        }, ns);

        var read = await Client.CoreV1.ReadNamespacedSecretAsync("db", ns);
        Assert.Equal("s3cret", Encoding.UTF8.GetString(read.Data["password"]));
        Assert.Null(read.StringData);
        Assert.Equal("Opaque", read.Type);
    }

    [Fact]
    public async Task A_service_gets_a_cluster_ip_that_a_replace_without_one_keeps()
    {
        var ns = await NamespaceAsync();
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "db-rw" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 5432 }] },
        };

        var created = await Client.CoreV1.CreateNamespacedServiceAsync(service, ns);
        var replaced = await Client.CoreV1.ReplaceNamespacedServiceAsync(service, "db-rw", ns);

        Assert.Equal("ClusterIP", created.Spec.Type);
        Assert.StartsWith("10.96.", created.Spec.ClusterIP, StringComparison.Ordinal);
        Assert.Equal("TCP", created.Spec.Ports[0].Protocol);
        Assert.Equal(created.Spec.ClusterIP, replaced.Spec.ClusterIP);
    }

    [Fact]
    public async Task Network_policies_and_limit_ranges_round_trip_in_their_groups()
    {
        var ns = await NamespaceAsync();

        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "deny-all" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
        }, ns);
        await Client.CoreV1.CreateNamespacedLimitRangeAsync(new V1LimitRange
        {
            Metadata = new V1ObjectMeta { Name = "defaults" },
            Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container", DefaultProperty = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } }] },
        }, ns);

        Assert.Equal(["Ingress"], (await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("deny-all", ns)).Spec.PolicyTypes);
        Assert.Equal("500m", (await Client.CoreV1.ReadNamespacedLimitRangeAsync("defaults", ns)).Spec.Limits[0].DefaultProperty["cpu"].ToString());
        Assert.Contains(StandIn.Requests.Entries, e => e.Path == $"/apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies" && e.StatusCode == 201);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_live_outside_namespaces()
    {
        await Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = "broker-reader" } });

        var role = await Client.RbacAuthorizationV1.ReadClusterRoleAsync("broker-reader");

        Assert.Null(role.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Discovery_answers_the_version_and_the_resources_of_a_group()
    {
        var version = await Client.Version.GetCodeAsync();
        var resources = await Client.CustomObjects.GetAPIResourcesAsync("kubevirt.io", "v1");

        Assert.Equal("1", version.Major);
        Assert.Contains(resources.Resources, r => r.Name == "virtualmachines" && r.Namespaced && r.Kind == "VirtualMachine");
        Assert.Contains(resources.Resources, r => r.Name == "virtualmachines/status");
    }
}
