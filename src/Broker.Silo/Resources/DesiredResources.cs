using Broker.Provisioners.Contract;
using ResourceKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Resources;

/// <summary>What a resource asks its backend for: a pure function of its state, so the grain and its tests agree on it.</summary>
public static class DesiredResources
{
    /// <summary>The provisioners' kind for the broker's kind (two enums, since the provisioners know nothing of orders).</summary>
    public static WorkloadKind WorkloadOf(ResourceKind kind) => kind switch
    {
        ResourceKind.Vm => WorkloadKind.Vm,
        ResourceKind.Database => WorkloadKind.Database,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no workload kind for this resource kind"),
    };

    /// <summary>The backend object(s) <paramref name="data"/> should have: its spec, placement and power state.</summary>
    public static DesiredResource Of(ResourceData data)
    {
        var s = data.Spec!;
        var c = data.Creation!;
        return new DesiredResource(
            data.Id, WorkloadOf(s.Kind), c.Department, c.OwningSystem, s.PlanCode, s.PlanVersion, s.SlaTier, c.NetworkZone,
            s.Vcpu, s.MemoryGib, s.StorageGib, data.Running, s.Image, s.DatabaseName, s.EngineVersion, s.Instances, s.BackupRetentionDays,
            s.ConnectionLimit, c.Pool);
    }

    /// <summary>The audit target kind of a drift repair: the backend object that was put back.</summary>
    public static string DriftTarget(WorkloadKind kind) => kind == WorkloadKind.Vm ? "virtualmachine" : "cluster";
}
