namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record VirtualMachineInstanceStatus(string? NodeName = null, IReadOnlyList<InstanceInterface>? Interfaces = null);
