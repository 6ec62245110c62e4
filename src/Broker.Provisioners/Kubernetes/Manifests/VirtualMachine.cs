namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>A KubeVirt <c>kubevirt.io/v1</c> VirtualMachine; no typed model ships with KubernetesClient.</summary>
public sealed record VirtualMachine(KubeMetadata Metadata, VirtualMachineSpec Spec, VirtualMachineStatus? Status = null)
{
    public const string Group = "kubevirt.io";
    public const string Version = "v1";
    public const string Plural = "virtualmachines";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = "VirtualMachine";
}
