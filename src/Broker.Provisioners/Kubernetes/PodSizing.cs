namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// The overhead model: what a VM's pod requests for a guest of a given size, and the namespace quota that lets every
/// set of VMs and databases within the department's quota run. Pure, so the guarantee is tested directly.
/// </summary>
public static class PodSizing
{
    /// <summary>CPU the VM's pod requests, in millicores: the vCPUs at the configured rate plus the per-VM overhead.</summary>
    public static long VmCpuMillicores(int vcpu, KubernetesProvisionerOptions options) =>
        (long)vcpu * options.VmCpuRequestMillicoresPerVcpu + options.VmCpuOverheadMillicores;

    /// <summary>Memory the VM's pod requests, in MiB: the guest plus the fixed, per-vCPU and proportional overheads.</summary>
    public static long VmMemoryMib(int vcpu, int guestGib, KubernetesProvisionerOptions options)
    {
        var guest = (long)guestGib * 1024;
        return guest + options.VmMemoryOverheadMib + (long)vcpu * options.VmMemoryOverheadMibPerVcpu + (long)Math.Ceiling(guest * options.VmMemoryOverheadFraction);
    }

    /// <summary>
    /// The namespace's <c>requests.cpu</c> in millicores. Every term of a pod's request is monotone in what the department
    /// counts, so bounding each term by the department's limit bounds every sum of pods within it. Databases request
    /// a whole core per vCPU (CloudNativePG guaranteed QoS), hence the larger of the two rates.
    /// </summary>
    public static long NamespaceCpuMillicores(DepartmentQuota quota, KubernetesProvisionerOptions options) =>
        quota.Vcpu * Math.Max(options.VmCpuRequestMillicoresPerVcpu, 1000) + quota.Vms * options.VmCpuOverheadMillicores;

    /// <summary>
    /// The namespace's <c>requests.memory</c> in MiB: guest memory with its proportional overhead, the fixed overhead per
    /// VM (plus one MiB per VM for rounding each VM's fraction up), and the per-vCPU overhead for every vCPU.
    /// </summary>
    public static long NamespaceMemoryMib(DepartmentQuota quota, KubernetesProvisionerOptions options)
    {
        var guest = quota.MemoryGib * 1024;
        return guest + (long)Math.Ceiling(guest * options.VmMemoryOverheadFraction)
            + quota.Vms * (options.VmMemoryOverheadMib + 1L)
            + quota.Vcpu * options.VmMemoryOverheadMibPerVcpu;
    }

    /// <summary>The namespace's <c>requests.storage</c> in GiB: the department's storage plus the import headroom.</summary>
    public static long NamespaceStorageGib(DepartmentQuota quota, KubernetesProvisionerOptions options) =>
        quota.StorageGib + options.StorageHeadroomGib;
}
