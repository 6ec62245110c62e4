namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="Guest">Memory the guest sees, as a Kubernetes quantity (<c>4Gi</c>).</param>
public sealed record DomainMemory(string Guest);
