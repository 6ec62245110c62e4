namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="ImageName">The PostgreSQL operand image; pins the engine's major version.</param>
/// <param name="Backup">Null when the plan has no backups.</param>
/// <param name="InheritedMetadata">Labels CloudNativePG copies onto the pods, so network policies select them.</param>
public sealed record PostgresClusterSpec(
    int Instances,
    string ImageName,
    ClusterStorage Storage,
    ClusterBootstrap Bootstrap,
    ComputeResources Resources,
    ClusterBackup? Backup = null,
    TemplateMetadata? InheritedMetadata = null);
