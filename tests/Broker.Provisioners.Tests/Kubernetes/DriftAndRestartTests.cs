using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using k8s;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class DriftAndRestartTests
{
    [Fact]
    public async Task A_vm_deleted_behind_the_provisioners_back_is_absent_and_the_next_apply_recreates_it()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        await kube.SettleAsync("vm-a1");

        await kube.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", kube.Namespace, "virtualmachines", "vm-a1");

        Assert.Equal(ObservedPhase.Absent, (await kube.Provisioner.ObserveAsync("vm-a1")).Phase);
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        Assert.NotNull(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"));
        Assert.Equal(ObservedPhase.Ready, (await kube.SettleAsync("vm-a1")).Phase);
    }

    [Fact]
    public async Task A_restarted_provisioner_finds_a_resource_by_its_label()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));
        await kube.SettleAsync("db-a1");

        var restarted = new KubernetesProvisioner(kube.Client, TestKube.Options);

        var observed = await restarted.ObserveAsync("db-a1");
        Assert.Equal(ObservedPhase.Ready, observed.Phase);
        Assert.Equal("db-a1-app", observed.Outputs["credentialsSecret"]);
        Assert.Equal(ObservedPhase.Absent, (await restarted.DeleteAsync("db-a1")).Phase);
    }

    [Fact]
    public async Task Observing_an_id_the_cluster_has_nothing_for_is_absent()
    {
        await using var kube = await TestKube.StartAsync();

        var observed = await kube.Provisioner.ObserveAsync("vm-never");

        Assert.Equal(ObservedPhase.Absent, observed.Phase);
    }
}
