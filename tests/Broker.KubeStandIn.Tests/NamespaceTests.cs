using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class NamespaceTests : StandInTest
{
    [Fact]
    public async Task Creating_a_namespace_gives_it_a_uid_a_resource_version_and_the_name_label()
    {
        var created = await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "housing-fund" } });

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal("housing-fund", created.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", created.Status.Phase);
        Assert.Equal(Time.GetUtcNow().UtcDateTime, created.Metadata.CreationTimestamp);
        var read = await Client.CoreV1.ReadNamespaceAsync("housing-fund");
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
    }

    [Fact]
    public async Task A_fresh_stand_in_has_the_namespaces_of_a_fresh_cluster()
    {
        var list = await Client.CoreV1.ListNamespaceAsync();

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], list.Items.Select(n => n.Metadata.Name));
    }
}
