namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The virtual hardware: what the guest sees, not what the pod requests (KubeVirt adds its overhead).</summary>
public sealed record DomainSpec(DomainCpu Cpu, DomainMemory Memory, DomainDevices Devices);
