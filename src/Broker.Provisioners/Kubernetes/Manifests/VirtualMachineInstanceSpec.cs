namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record VirtualMachineInstanceSpec(DomainSpec Domain, IReadOnlyList<VmVolume> Volumes);
