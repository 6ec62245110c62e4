namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record DataVolumeReference(string Name);
