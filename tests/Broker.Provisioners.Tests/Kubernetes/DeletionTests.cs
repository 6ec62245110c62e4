using Broker.Provisioners.Contract;
using k8s;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class DeletionTests
{
    [Fact]
    public async Task Deleting_a_vm_removes_it_and_everything_labelled_with_it_and_then_it_is_absent()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        await kube.SettleAsync("vm-a1");

        var deleted = await kube.Provisioner.DeleteAsync("vm-a1");
        if (deleted.Phase == ObservedPhase.Deleting)
        {
            deleted = await kube.SettleAsync("vm-a1");
        }

        Assert.Equal(ObservedPhase.Absent, deleted.Phase);
        Assert.Null(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"));
        Assert.Empty(await kube.ListCustomAsync("cdi.kubevirt.io", "v1beta1", "datavolumes", "broker.gov/resource-id=vm-a1"));
        Assert.Empty(await kube.ListCustomAsync("kubevirt.io", "v1", "virtualmachineinstances"));
        Assert.Equal(ObservedPhase.Absent, (await kube.Provisioner.ObserveAsync("vm-a1")).Phase);
    }

    [Fact]
    public async Task Deleting_a_database_removes_the_cluster_and_what_cloudnativepg_made_for_it()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));
        await kube.SettleAsync("db-a1");

        var deleted = await kube.Provisioner.DeleteAsync("db-a1");

        Assert.Equal(ObservedPhase.Absent, deleted.Phase);
        Assert.Null(await kube.GetCustomAsync("postgresql.cnpg.io", "v1", "clusters", "db-a1"));
        Assert.DoesNotContain((await kube.Client.CoreV1.ListNamespacedSecretAsync(kube.Namespace)).Items, s => s.Metadata.Name == "db-a1-app");
    }

    [Fact]
    public async Task A_disk_left_behind_by_a_vm_deleted_by_hand_is_swept_up_by_its_label()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        await kube.SettleAsync("vm-a1");
        await kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", kube.Namespace, "virtualmachines", "vm-a1", propagationPolicy: "Orphan");
        Assert.NotEmpty(await kube.ListCustomAsync("cdi.kubevirt.io", "v1beta1", "datavolumes", "broker.gov/resource-id=vm-a1"));

        var deleted = await kube.Provisioner.DeleteAsync("vm-a1");

        Assert.Equal(ObservedPhase.Absent, deleted.Phase);
        Assert.Empty(await kube.ListCustomAsync("cdi.kubevirt.io", "v1beta1", "datavolumes", "broker.gov/resource-id=vm-a1"));
    }

    [Fact]
    public async Task Deleting_twice_or_deleting_an_unknown_id_is_harmless()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        await kube.Provisioner.DeleteAsync("vm-a1");
        var again = await kube.Provisioner.DeleteAsync("vm-a1");
        var unknown = await kube.Provisioner.DeleteAsync("vm-never");

        Assert.Equal(ObservedPhase.Absent, again.Phase);
        Assert.Equal(ObservedPhase.Absent, unknown.Phase);
    }

    [Fact]
    public async Task Deleting_leaves_other_resources_of_the_department_alone()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a2"));
        await kube.SettleAsync("vm-a2");

        await kube.Provisioner.DeleteAsync("vm-a1");

        Assert.NotNull(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a2"));
        Assert.Single(await kube.ListCustomAsync("cdi.kubevirt.io", "v1beta1", "datavolumes", "broker.gov/resource-id=vm-a2"));
    }
}
