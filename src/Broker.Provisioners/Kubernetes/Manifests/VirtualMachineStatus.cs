namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>What virt-controller reports; read only.</summary>
public sealed record VirtualMachineStatus(
    bool? Ready = null,
    string? PrintableStatus = null,
    IReadOnlyList<StatusCondition>? Conditions = null);
