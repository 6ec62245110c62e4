using Broker.KubeStandIn;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class VirtualMachineLifecycleTests
{
    [Fact]
    public async Task A_vm_is_ready_once_kubevirt_runs_it()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var observed = await kube.SettleAsync("vm-a1");

        Assert.Equal(ObservedPhase.Ready, observed.Phase);
        Assert.Equal(kube.Namespace, observed.Outputs["namespace"]);
    }

    [Fact]
    public async Task A_ready_vm_reports_the_node_it_runs_on_and_its_address()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var observed = await kube.SettleAsync("vm-a1");

        Assert.False(string.IsNullOrEmpty(observed.Outputs["node"]));
        Assert.True(System.Net.IPAddress.TryParse(observed.Outputs["ipAddress"], out _));
    }

    [Fact]
    public async Task Stopping_a_vm_halts_it_and_it_is_observed_stopped()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        await kube.SettleAsync("vm-a1");

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1", running: false));

        var vm = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"))!;
        Assert.Equal("Halted", (string?)vm["spec"]!["runStrategy"]);
        Assert.Equal(ObservedPhase.Stopped, (await kube.SettleAsync("vm-a1")).Phase);
    }

    [Fact]
    public async Task Starting_a_stopped_vm_makes_it_ready_again()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1", running: false));
        Assert.Equal(ObservedPhase.Stopped, (await kube.SettleAsync("vm-a1")).Phase);

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        Assert.Equal(ObservedPhase.Ready, (await kube.SettleAsync("vm-a1")).Phase);
    }

    [Fact]
    public async Task A_vm_kubevirt_cannot_schedule_is_failed_with_the_reason()
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        kube.StandIn.Controllers.Fail(ResourceRef.VirtualMachine(kube.Namespace, "vm-a1"), "0/3 nodes are available: 3 Insufficient memory.");

        var observed = await kube.SettleAsync("vm-a1");

        Assert.Equal(ObservedPhase.Failed, observed.Phase);
        Assert.Contains("ErrorUnschedulable", observed.Message, StringComparison.Ordinal);
        Assert.Contains("3 Insufficient memory", observed.Message, StringComparison.Ordinal);
    }
}
