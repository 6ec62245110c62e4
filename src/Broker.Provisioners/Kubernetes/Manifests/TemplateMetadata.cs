namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>Metadata of an embedded template: labels only, the name comes from the owner.</summary>
public sealed record TemplateMetadata(IReadOnlyDictionary<string, string> Labels);
