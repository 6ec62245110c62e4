namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The part of <c>metadata</c> the broker writes and reads; everything else the server owns.</summary>
public sealed record KubeMetadata(
    string Name,
    string? Namespace = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? DeletionTimestamp = null);
