using k8s;
using k8s.Models;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>An edit to a VM's desired state behind the broker's back is put back by the next apply, and reported.</summary>
public sealed class SpecDriftTests
{
    [Fact]
    public async Task A_re_apply_over_an_edited_vm_restores_it_and_says_it_repaired_the_spec()
    {
        await using var kube = await TestKube.StartAsync();
        var desired = kube.Vm("vm-d1");
        await kube.Provisioner.ApplyAsync(desired);
        var unchanged = await kube.Provisioner.ApplyAsync(desired);
        Assert.Null(unchanged.Repaired);

        // Someone gives the VM more cores with kubectl.
        const string edit = """{"spec":{"template":{"spec":{"domain":{"cpu":{"cores":16}}}}}}""";
        await kube.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(edit, V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", kube.Namespace, "virtualmachines", "vm-d1");
        Assert.Equal(16, (int?)(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-d1"))!["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]);

        var repaired = await kube.Provisioner.ApplyAsync(desired);

        Assert.Equal("spec", repaired.Repaired);
        Assert.Equal(2, (int?)(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-d1"))!["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]);
        Assert.Null((await kube.Provisioner.ApplyAsync(desired)).Repaired);
    }

    [Fact]
    public async Task A_changed_desired_state_is_an_update_not_drift()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-d2"));

        var stopped = await kube.Provisioner.ApplyAsync(kube.Vm("vm-d2", running: false));

        Assert.Null(stopped.Repaired);
    }
}
