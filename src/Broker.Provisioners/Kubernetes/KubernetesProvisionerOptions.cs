namespace Broker.Provisioners.Kubernetes;

/// <summary>The private cloud's Kubernetes cluster: KubeVirt (with CDI) for VMs, CloudNativePG for databases.</summary>
public sealed class KubernetesProvisionerOptions
{
    public const string SectionName = "Broker:Provisioning:Kubernetes";

    /// <summary>Path of a kubeconfig file; for a broker running outside the cluster. Exclusive with <see cref="InCluster"/>.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Use the pod's service account (ServiceAccount <c>broker</c>, see <c>infra/k8s/rbac.yaml</c>).</summary>
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
    /// Memory KubeVirt adds to each VM's pod beyond the guest's (virt-launcher, QEMU), for capacity planning: a VM of
    /// <c>n</c> GiB takes <c>n GiB + this</c> of a node.
    /// </summary>
    public int VmMemoryOverheadMib { get; set; } = 256;

    /// <summary>CPU KubeVirt adds to each VM's pod, in millicores, for capacity planning.</summary>
    public int VmCpuOverheadMillicores { get; set; } = 100;
}
