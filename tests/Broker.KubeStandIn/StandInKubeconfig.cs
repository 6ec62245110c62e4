namespace Broker.KubeStandIn;

/// <summary>
/// A kubeconfig file naming a stand-in, for a broker that is configured the way production is (by
/// <c>Broker:Provisioning:Kubernetes:KubeconfigPath</c>) rather than handed a client: a child process, a benchmark host.
/// </summary>
public static class StandInKubeconfig
{
    /// <summary>Writes a kubeconfig for <paramref name="standIn"/> to a new temporary file and returns its path.</summary>
    public static async Task<string> WriteAsync(KubeStandIn standIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        var path = Path.Combine(Path.GetTempPath(), $"broker-standin-kubeconfig-{Guid.NewGuid():N}.yaml");
        // The stand-in accepts any token; the kubeconfig carries one because a real cluster's would.
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: standin
              cluster:
                server: "{standIn.Url}"
            users:
            - name: standin
              user:
                token: not-a-secret
            contexts:
            - name: standin
              context:
                cluster: standin
                user: standin
            current-context: standin
            """, cancellationToken);
        return path;
    }
}
