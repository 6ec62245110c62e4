namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record DomainDevices(IReadOnlyList<VmDisk> Disks);
