namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="StorageClassName">Null leaves the cluster's default class.</param>
public sealed record DataVolumeStorage(StorageResources Resources, string? StorageClassName = null);
