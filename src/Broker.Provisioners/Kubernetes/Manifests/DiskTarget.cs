namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record DiskTarget(string Bus);
