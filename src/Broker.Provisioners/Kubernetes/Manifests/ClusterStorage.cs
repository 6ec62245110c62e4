namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="Size">Per instance, as a Kubernetes quantity.</param>
/// <param name="StorageClass">Null leaves the cluster's default class.</param>
public sealed record ClusterStorage(string Size, string? StorageClass = null);
