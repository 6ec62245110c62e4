namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record UrlSource(string Url);
