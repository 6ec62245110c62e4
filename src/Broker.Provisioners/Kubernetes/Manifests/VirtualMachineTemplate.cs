namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The template KubeVirt builds each VirtualMachineInstance from.</summary>
public sealed record VirtualMachineTemplate(TemplateMetadata Metadata, VirtualMachineInstanceSpec Spec);
