namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record StorageResources(IReadOnlyDictionary<string, string> Requests);
