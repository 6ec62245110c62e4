using System.Globalization;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>The VirtualMachine or CNPG Cluster for a desired resource; derived from it and the options alone.</summary>
internal static class ResourceManifests
{
    public static IReadOnlyDictionary<string, string> Labels(DesiredResource desired) => new Dictionary<string, string>
    {
        [KubernetesNames.DepartmentLabel] = desired.Department,
        [KubernetesNames.SystemLabel] = desired.OwningSystem,
        [KubernetesNames.ResourceIdLabel] = desired.ResourceId,
        [KubernetesNames.PlanLabel] = desired.PlanCode,
        [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy,
        // What the zone's ingress policy selects pods by.
        [KubernetesNames.NetworkZoneLabel] = desired.NetworkZone,
    };

    public static VirtualMachine VirtualMachine(DesiredResource desired, KubernetesProvisionerOptions options)
    {
        var source = desired.Image is { } image && options.Images.TryGetValue(image, out var url) ? ImageSource.From(url) : null;
        if (source is null)
        {
            throw new ProvisionerException($"Kubernetes: image '{desired.Image}' is not offered on this cluster.", permanent: true);
        }

        var labels = Labels(desired);
        var disk = KubernetesNames.RootDiskFor(desired.ResourceId);
        var storage = new DataVolumeStorage(
            new StorageResources(new Dictionary<string, string> { ["storage"] = Gibibytes(desired.StorageGib) }),
            NullIfEmpty(options.StorageClass));
        return new VirtualMachine(
            new KubeMetadata(desired.ResourceId, KubernetesNames.NamespaceFor(desired.Department), labels),
            new VirtualMachineSpec(
                desired.Running ? "Always" : "Halted",
                new VirtualMachineTemplate(
                    new TemplateMetadata(labels),
                    new VirtualMachineInstanceSpec(
                        new DomainSpec(
                            new DomainCpu(desired.Vcpu),
                            new DomainMemory(Gibibytes(desired.MemoryGib)),
                            new DomainDevices([new VmDisk("root", new DiskTarget("virtio"))]),
                            PodRequests(desired, options)),
                        [new VmVolume("root", new DataVolumeReference(disk))])),
                // Labelled like the VM, so that delete finds the disk even if the VM is already gone.
                [new DataVolumeTemplate(new KubeMetadata(disk, Labels: labels), new DataVolumeSpec(source, storage))]));
    }

    public static PostgresCluster PostgresCluster(DesiredResource desired, KubernetesProvisionerOptions options)
    {
        var version = desired.EngineVersion ?? options.DefaultPostgresVersion;
        if (!KubernetesNames.IsImageTag(version))
        {
            throw new ProvisionerException($"Kubernetes: engine version '{version}' is not valid.", permanent: true);
        }

        var database = desired.DatabaseName ?? "app";
        var compute = new Dictionary<string, string>
        {
            ["cpu"] = desired.Vcpu.ToString(CultureInfo.InvariantCulture),
            ["memory"] = Gibibytes(desired.MemoryGib),
        };
        return new PostgresCluster(
            new KubeMetadata(desired.ResourceId, KubernetesNames.NamespaceFor(desired.Department), Labels(desired)),
            new PostgresClusterSpec(
                Math.Max(1, desired.Instances),
                $"{options.PostgresImageRepository}:{version}",
                new ClusterStorage(Gibibytes(desired.StorageGib), NullIfEmpty(options.StorageClass)),
                new ClusterBootstrap(new InitDb(database, database)),
                // Requests equal to limits: guaranteed QoS, so a database is never the first to be evicted.
                new ComputeResources(compute, compute),
                desired.BackupRetentionDays > 0 ? new ClusterBackup($"{desired.BackupRetentionDays.ToString(CultureInfo.InvariantCulture)}d") : null,
                new TemplateMetadata(Labels(desired))));
    }

    /// <summary>The pod's requests from the overhead model, so that the namespace quota derived from it always fits.</summary>
    private static DomainResources PodRequests(DesiredResource desired, KubernetesProvisionerOptions options) => new(
        new Dictionary<string, string>
        {
            ["cpu"] = Quantities.Millicores(PodSizing.VmCpuMillicores(desired.Vcpu, options)),
            ["memory"] = Quantities.Mebibytes(PodSizing.VmMemoryMib(desired.Vcpu, desired.MemoryGib, options)),
        },
        OvercommitGuestOverhead: true);

    private static string Gibibytes(int value) => $"{value.ToString(CultureInfo.InvariantCulture)}Gi";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
