using Broker.Contracts.Resources;
using Broker.Provisioners.Contract;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Metering;
using static Broker.Silo.Tests.Resources.ResourceStates;

namespace Broker.Silo.Tests.Resources;

public sealed class DesiredResourcesTests
{
    [Fact]
    public void A_vm_asks_for_a_vm_workload_with_its_plan_sizes_image_zone_and_pool()
    {
        var desired = DesiredResources.Of(Ready(pool: "pool-a"));

        Assert.Equal(new DesiredResource(
            "dept-a-vm", WorkloadKind.Vm, "dept-a", "core", "vm-small", 1, "bronze", "extranet", 2, 4, 40, true, "debian-12",
            null, null, 1, 0, 0, "pool-a"), desired);
    }

    [Fact]
    public void A_database_asks_for_a_database_workload_with_its_engine_instances_backups_and_connections()
    {
        var desired = DesiredResources.Of(Ready(Journal.Database("db-small")));

        Assert.Equal(WorkloadKind.Database, desired.Kind);
        Assert.Equal(("app", "16", 1, 7, 100), (desired.DatabaseName, desired.EngineVersion, desired.Instances, desired.BackupRetentionDays, desired.ConnectionLimit));
        Assert.Null(desired.Pool);
    }

    [Fact]
    public void A_stop_under_way_asks_for_the_vm_not_running_and_a_resize_for_the_new_sizes()
    {
        var ready = Ready();
        Assert.False(DesiredResources.Of(ready.Then(new UpdateStarted(T0, ready.Spec!, Running: false))).Running);

        var resized = DesiredResources.Of(ready.Then(new UpdateStarted(T0, Journal.Vm(4, 8, 80, plan: "vm-medium"), Running: true)));
        Assert.Equal(("vm-medium", 4, 8, 80, true), (resized.PlanCode, resized.Vcpu, resized.MemoryGib, resized.StorageGib, resized.Running));
    }

    [Fact]
    public void Every_resource_kind_has_a_workload_kind()
    {
        Assert.Equal(WorkloadKind.Vm, DesiredResources.WorkloadOf(ResourceKind.Vm));
        Assert.Equal(WorkloadKind.Database, DesiredResources.WorkloadOf(ResourceKind.Database));
        Assert.All(Enum.GetValues<ResourceKind>(), k => Assert.True(Enum.IsDefined(DesiredResources.WorkloadOf(k))));
        Assert.Throws<ArgumentOutOfRangeException>(() => DesiredResources.WorkloadOf((ResourceKind)99));
    }
}
