namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>
/// The part of <c>metadata</c> the broker writes and reads; everything else the server owns. <see cref="Generation"/> is
/// read only (never set in what the broker applies): it counts changes of the object's desired state.
/// </summary>
public sealed record KubeMetadata(
    string Name,
    string? Namespace = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? DeletionTimestamp = null,
    long? Generation = null);
