namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record VmVolume(string Name, DataVolumeReference DataVolume);
