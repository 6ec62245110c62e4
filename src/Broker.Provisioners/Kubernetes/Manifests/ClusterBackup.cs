namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="RetentionPolicy">CNPG's form: days as <c>7d</c>.</param>
public sealed record ClusterBackup(string RetentionPolicy);
