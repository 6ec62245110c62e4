namespace Broker.Provisioners.Kubernetes;

/// <summary>The private cloud's Kubernetes cluster: KubeVirt (with CDI) for VMs, CloudNativePG for databases.</summary>
public sealed class KubernetesProvisionerOptions
{
    public const string SectionName = "Broker:Provisioning:Kubernetes";

    /// <summary>Path of a kubeconfig file; for a broker running outside the cluster. Exclusive with <see cref="InCluster"/>.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Use the pod's service account (ServiceAccount <c>broker</c>, see <c>infra/k8s/base/rbac.yaml</c>).</summary>
    public bool InCluster { get; set; }

    /// <summary>
    /// Catalog image name to the URL CDI imports the root disk from: <c>docker://</c> for a registry image, <c>http(s)://</c>
    /// for a download. Only images listed here can be ordered, so departments cannot point the cluster at arbitrary URLs.
    /// </summary>
    public Dictionary<string, string> Images { get; set; } = [];

    /// <summary>The CloudNativePG operand image repository; the engine version is its tag.</summary>
    public string PostgresImageRepository { get; set; } = "ghcr.io/cloudnative-pg/postgresql";

    /// <summary>Engine version for orders that name none.</summary>
    public string DefaultPostgresVersion { get; set; } = "17";

    /// <summary>Storage class for VM disks and database volumes; empty for the cluster's default.</summary>
    public string? StorageClass { get; set; }

    /// <summary>
    /// Memory modelled per VM pod beyond the guest's (virt-launcher, QEMU, page tables): this fixed part, plus
    /// <see cref="VmMemoryOverheadMibPerVcpu"/> per vCPU, plus <see cref="VmMemoryOverheadFraction"/> of the guest memory.
    /// The VM requests exactly guest + this model (KubeVirt's own estimate is not added, see docs/kubernetes.md), so it must
    /// be at least what KubeVirt needs on the cluster's version, and the namespace quota is derived from it.
    /// </summary>
    public int VmMemoryOverheadMib { get; set; } = 256;

    /// <summary>Memory per vCPU in the overhead model (vCPU threads' stacks and QEMU structures).</summary>
    public int VmMemoryOverheadMibPerVcpu { get; set; } = 8;

    /// <summary>Fraction of the guest memory in the overhead model (page tables and the like); 0.01 is 1 %.</summary>
    public double VmMemoryOverheadFraction { get; set; } = 0.01;

    /// <summary>CPU per VM pod beyond its vCPUs, in millicores (virt-launcher, emulator threads).</summary>
    public int VmCpuOverheadMillicores { get; set; } = 100;

    /// <summary>CPU the pod requests per ordered vCPU, in millicores; 1000 is one core per vCPU.</summary>
    public int VmCpuRequestMillicoresPerVcpu { get; set; } = 1000;

    /// <summary>
    /// Storage added to each department namespace's <c>requests.storage</c> beyond its quota: room for CDI's scratch
    /// volumes while a disk image imports, so that a department at its storage quota can still import.
    /// </summary>
    public int StorageHeadroomGib { get; set; }

    /// <summary>
    /// Ingress allowed into pods of each network zone (a system's declared network: <c>extranet</c>, <c>internet</c>,
    /// <c>dedicated-line</c>). A zone not listed gets no ingress from outside its namespace (the default deny).
    /// </summary>
    public Dictionary<string, NetworkZoneOptions> NetworkZones { get; set; } = [];

    /// <summary>CPU request the namespace's LimitRange gives a container that declares none.</summary>
    public string DefaultContainerCpuRequest { get; set; } = "100m";

    /// <summary>Memory request the namespace's LimitRange gives a container that declares none.</summary>
    public string DefaultContainerMemoryRequest { get; set; } = "128Mi";

    /// <summary>How often each department's namespace reconciler compares the cluster with the broker.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The broker's own service account (<c>namespace/name</c>), which the RoleBinding in each department namespace
    /// grants <see cref="DepartmentClusterRole"/> to (infra/k8s/base/rbac.yaml).
    /// </summary>
    public string ServiceAccount { get; set; } = "broker-system/broker";

    /// <summary>The ClusterRole holding what the broker may do inside a department namespace, bound there and nowhere else.</summary>
    public string DepartmentClusterRole { get; set; } = "broker-department";

    /// <summary>The watch on the broker's VirtualMachines and Clusters that repairs drift (<c>...:Watch:*</c>).</summary>
    public ResourceWatchOptions Watch { get; set; } = new();
}
