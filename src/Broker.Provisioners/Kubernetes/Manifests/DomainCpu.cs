namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record DomainCpu(int Cores);
