using Broker.Contracts.Catalog;
using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>Turns a catalog plan version into the spec a resource carries.</summary>
public static class ResourceSpecs
{
    public static ResourceSpec From(PlanVersion plan, string slaTier, string? image, string? databaseName) => plan.Kind switch
    {
        OfferingKind.Vm => new ResourceSpec(ResourceKind.Vm, plan.Code, plan.Version, slaTier, plan.PerUnit,
            plan.Vm!.Vcpu, plan.Vm.MemoryGib, plan.Vm.SystemDiskGib, image, null, null, 1, 0, 0),
        _ => new ResourceSpec(ResourceKind.Database, plan.Code, plan.Version, slaTier, plan.PerUnit,
            plan.Database!.Vcpu, plan.Database.MemoryGib, plan.Database.StorageGib, null, databaseName, plan.Database.EngineVersion,
            plan.Database.Instances, plan.Database.BackupRetentionDays, plan.Database.ConnectionLimit),
    };
}
