using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class KubeTestClusterTests
{
    [Fact]
    public async Task Without_a_kubeconfig_the_tests_get_a_stand_in()
    {
        await using var cluster = await KubeTestCluster.StartAsync(kubeconfigPath: null, options: null, CancellationToken.None);

        Assert.NotNull(cluster.StandIn);
        Assert.StartsWith("Kubernetes API server stand-in at http://127.0.0.1:", cluster.Description, StringComparison.Ordinal);
        Assert.NotEmpty((await cluster.Client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task With_a_kubeconfig_the_tests_talk_to_the_cluster_it_names()
    {
        await using var standIn = await KubeStandIn.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: under-test
              cluster:
                server: {standIn.Url}
            users:
            - name: tester
              user:
                token: not-checked
            contexts:
            - name: test
              context:
                cluster: under-test
                user: tester
            current-context: test
            """);
        try
        {
            await using var cluster = await KubeTestCluster.StartAsync(path, options: null, CancellationToken.None);
            var ns = KubeTestCluster.UniqueNamespace("broker-test");

            await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

            Assert.Null(cluster.StandIn);
            Assert.StartsWith("real cluster at http://127.0.0.1:", cluster.Description, StringComparison.Ordinal);
            Assert.NotNull(standIn.Peek(ResourceRef.NamespaceObject(ns)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
