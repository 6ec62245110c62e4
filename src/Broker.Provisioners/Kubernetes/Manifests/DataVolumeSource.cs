namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>Exactly one of the two is set: a container registry image or a plain HTTP(S) download.</summary>
public sealed record DataVolumeSource(UrlSource? Registry = null, UrlSource? Http = null);
