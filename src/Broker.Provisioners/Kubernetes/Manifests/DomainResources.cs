namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>
/// The VM pod's requests, set by the broker. <see cref="OvercommitGuestOverhead"/> stops KubeVirt adding its own
/// overhead estimate on top, so the pod requests exactly these figures (the broker's overhead model is already in them).
/// </summary>
public sealed record DomainResources(IReadOnlyDictionary<string, string> Requests, bool OvercommitGuestOverhead);
