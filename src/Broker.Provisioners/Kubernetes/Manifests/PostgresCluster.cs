namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>A CloudNativePG <c>postgresql.cnpg.io/v1</c> Cluster; no typed model ships with KubernetesClient.</summary>
public sealed record PostgresCluster(KubeMetadata Metadata, PostgresClusterSpec Spec, PostgresClusterStatus? Status = null)
{
    public const string Group = "postgresql.cnpg.io";
    public const string Version = "v1";
    public const string Plural = "clusters";

    /// <summary>The phase CNPG reports when every instance is up.</summary>
    public const string HealthyPhase = "Cluster in healthy state";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = "Cluster";
}
