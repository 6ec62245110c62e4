using Broker.Contracts.Catalog;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Catalog;

/// <summary>
/// The quota one unit of a plan consumes, derived from its spec. A plan's declared vector must agree with this in
/// every dimension named here (it may add configured dimensions of its own), so that ordering a plan can never
/// count less than it provisions.
/// </summary>
public static class PlanQuota
{
    /// <summary>VM: its vCPU, memory and system disk, and one VM. Database: each size times the instances, and one database.</summary>
    public static QuotaVector Derive(OfferingKind kind, VmSpec? vm, DatabaseSpec? database) => kind switch
    {
        OfferingKind.Vm when vm is not null => Vector(
            ("vcpu", vm.Vcpu), ("memory_gib", vm.MemoryGib), ("storage_gib", vm.SystemDiskGib), ("vms", 1)),
        OfferingKind.Database when database is not null => Vector(
            ("vcpu", (long)database.Vcpu * database.Instances),
            ("memory_gib", (long)database.MemoryGib * database.Instances),
            ("storage_gib", (long)database.StorageGib * database.Instances),
            ("databases", 1)),
        _ => QuotaVector.Empty,
    };

    private static QuotaVector Vector(params (string Dimension, long Amount)[] amounts) =>
        new(amounts.Select(a => KeyValuePair.Create(a.Dimension, a.Amount)));
}
