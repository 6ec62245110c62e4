namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The virtual hardware: what the guest sees; <see cref="Resources"/> is what its pod requests.</summary>
public sealed record DomainSpec(DomainCpu Cpu, DomainMemory Memory, DomainDevices Devices, DomainResources? Resources = null);
