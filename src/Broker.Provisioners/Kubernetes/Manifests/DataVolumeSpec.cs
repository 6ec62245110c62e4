namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record DataVolumeSpec(DataVolumeSource Source, DataVolumeStorage Storage);
