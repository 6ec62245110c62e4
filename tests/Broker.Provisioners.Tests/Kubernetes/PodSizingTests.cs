using Broker.Provisioners.Kubernetes;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>The overhead model's promise: whatever fits the department's quota fits its namespace's ResourceQuota.</summary>
public sealed class PodSizingTests
{
    private static readonly KubernetesProvisionerOptions Options = new();

    [Fact]
    public void A_24_GiB_vm_fits_a_namespace_made_from_a_24_GiB_quota()
    {
        var quota = new DepartmentQuota(Vcpu: 8, MemoryGib: 24, StorageGib: 100, Vms: 1, Databases: 0);

        var podMemory = PodSizing.VmMemoryMib(8, 24, Options);
        var podCpu = PodSizing.VmCpuMillicores(8, Options);

        // The pod asks for more than the guest's 24 GiB; a namespace quota of plain 24 GiB would leave it Pending.
        Assert.True(podMemory > 24 * 1024);
        Assert.True(podMemory <= PodSizing.NamespaceMemoryMib(quota, Options));
        Assert.True(podCpu > 8 * 1000);
        Assert.True(podCpu <= PodSizing.NamespaceCpuMillicores(quota, Options));
    }

    [Fact]
    public void Any_random_mix_of_vms_and_databases_within_the_department_quota_fits_the_namespace_quota()
    {
        var random = new Random(20261123);
        var options = new KubernetesProvisionerOptions { VmMemoryOverheadMib = 300, VmMemoryOverheadMibPerVcpu = 9, VmMemoryOverheadFraction = 0.013, VmCpuOverheadMillicores = 150 };
        for (var trial = 0; trial < 2_000; trial++)
        {
            var quota = new DepartmentQuota(random.Next(1, 129), random.Next(1, 513), random.Next(10, 5_000), random.Next(1, 41), random.Next(0, 6));
            var (cpu, memory, storage) = (0L, 0L, 0L);
            var (vcpuUsed, memoryUsed, vms, databases) = (0L, 0L, 0L, 0L);
            // Fill greedily with random shapes until the next one would not fit the department quota.
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var isVm = random.Next(4) > 0;
                var vcpu = random.Next(1, 33);
                var gib = random.Next(1, 257);
                var disk = random.Next(10, 500);
                var instances = isVm ? 1 : random.Next(1, 4);
                if (vcpuUsed + (vcpu * instances) > quota.Vcpu || memoryUsed + (gib * instances) > quota.MemoryGib
                    || (isVm ? vms + 1 > quota.Vms : databases + 1 > quota.Databases) || storage + (disk * instances) > quota.StorageGib)
                {
                    continue;
                }

                (vcpuUsed, memoryUsed, storage) = (vcpuUsed + (vcpu * instances), memoryUsed + (gib * instances), storage + (disk * instances));
                if (isVm)
                {
                    vms++;
                    cpu += PodSizing.VmCpuMillicores(vcpu, options);
                    memory += PodSizing.VmMemoryMib(vcpu, gib, options);
                }
                else
                {
                    // CloudNativePG pods request exactly the plan's cores and memory, per instance.
                    databases++;
                    cpu += 1000L * vcpu * instances;
                    memory += 1024L * gib * instances;
                }
            }

            Assert.True(cpu <= PodSizing.NamespaceCpuMillicores(quota, options), $"trial {trial}: cpu {cpu}m over {quota}");
            Assert.True(memory <= PodSizing.NamespaceMemoryMib(quota, options), $"trial {trial}: memory {memory}Mi over {quota}");
            Assert.True(storage <= PodSizing.NamespaceStorageGib(quota, options), $"trial {trial}: storage {storage}Gi over {quota}");
        }
    }

    [Fact]
    public void Many_small_vms_at_the_vm_count_limit_still_fit_because_the_fixed_overhead_is_counted_per_vm()
    {
        var quota = new DepartmentQuota(Vcpu: 40, MemoryGib: 40, StorageGib: 400, Vms: 40, Databases: 0);

        var memory = 40 * PodSizing.VmMemoryMib(1, 1, Options);
        var cpu = 40 * PodSizing.VmCpuMillicores(1, Options);

        Assert.True(memory <= PodSizing.NamespaceMemoryMib(quota, Options));
        Assert.True(cpu <= PodSizing.NamespaceCpuMillicores(quota, Options));
        // Without the per-VM term the namespace would hold only 40 GiB plus the proportional part: 40 such pods would not fit.
        Assert.True(memory > (40 * 1024) + (long)Math.Ceiling(40 * 1024 * Options.VmMemoryOverheadFraction));
    }
}
