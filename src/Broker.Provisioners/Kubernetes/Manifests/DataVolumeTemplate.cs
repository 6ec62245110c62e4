namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>A CDI <c>cdi.kubevirt.io/v1beta1</c> DataVolume created and owned by the VM: its root disk, imported from an image.</summary>
public sealed record DataVolumeTemplate(KubeMetadata Metadata, DataVolumeSpec Spec);
