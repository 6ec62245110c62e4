namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>Just enough of any object to read its generation, whatever its kind.</summary>
internal sealed record GenerationOnly(KubeMetadata? Metadata);
