namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="RunStrategy"><c>Always</c> or <c>Halted</c>: the broker never uses the older <c>running</c> flag.</param>
public sealed record VirtualMachineSpec(
    string RunStrategy,
    VirtualMachineTemplate Template,
    IReadOnlyList<DataVolumeTemplate>? DataVolumeTemplates = null);
