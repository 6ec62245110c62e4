namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>Pod requests and limits (<c>cpu</c>, <c>memory</c>) as Kubernetes quantities.</summary>
public sealed record ComputeResources(IReadOnlyDictionary<string, string> Requests, IReadOnlyDictionary<string, string> Limits);
