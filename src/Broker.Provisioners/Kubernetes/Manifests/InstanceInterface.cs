namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record InstanceInterface(string? IpAddress = null);
