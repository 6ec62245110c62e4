namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The running instance KubeVirt makes of a VirtualMachine; read only, for where it runs and its address.</summary>
public sealed record VirtualMachineInstance(KubeMetadata Metadata, VirtualMachineInstanceStatus? Status = null)
{
    public const string Plural = "virtualmachineinstances";
}
