namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>What the CNPG operator reports; read only.</summary>
public sealed record PostgresClusterStatus(
    string? Phase = null,
    string? PhaseReason = null,
    int? ReadyInstances = null,
    int? Instances = null);
