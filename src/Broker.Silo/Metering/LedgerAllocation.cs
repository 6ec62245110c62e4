using Broker.Contracts.Resources;

namespace Broker.Silo.Metering;

/// <summary>What one resource holds while an interval is open: plan, tier and the sizes rating charges for.</summary>
/// <param name="VectorJson">The quota vector as stored (ordinal key order, so equal vectors give equal text).</param>
public sealed record LedgerAllocation(
    string Kind,
    string PlanCode,
    int PlanVersion,
    string SlaTier,
    int Vcpu,
    int MemoryGib,
    int StorageGib,
    int Instances,
    string VectorJson)
{
    public static LedgerAllocation From(ResourceSpec spec) => new(
        spec.Kind == ResourceKind.Vm ? "vm" : "database",
        spec.PlanCode,
        spec.PlanVersion,
        spec.SlaTier,
        spec.Vcpu,
        spec.MemoryGib,
        spec.StorageGib,
        Math.Max(1, spec.Instances),
        Storage.BrokerJson.Serialize(spec.Vector));
}
