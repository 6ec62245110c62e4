using k8s;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Builds the client from the options: a kubeconfig file outside the cluster, the service account inside.</summary>
public static class KubernetesClientFactory
{
    public static IKubernetes Create(KubernetesProvisionerOptions options)
    {
        var configuration = options.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath);
        return new k8s.Kubernetes(configuration);
    }
}
