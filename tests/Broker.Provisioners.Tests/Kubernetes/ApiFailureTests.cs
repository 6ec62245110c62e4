using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class ApiFailureTests
{
    [Theory]
    [InlineData(422)]
    [InlineData(403)]
    [InlineData(400)]
    public async Task A_refused_apply_is_a_permanent_failure_with_the_api_message(int statusCode)
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        kube.StandIn.Faults.FailNext(1, statusCode, r => r.Verb == "patch" && r.Resource == "virtualmachines", "admission webhook denied the request: cpu too high");

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => kube.Provisioner.ApplyAsync(kube.Vm("vm-a1")));

        Assert.True(error.Permanent);
        Assert.Contains("admission webhook denied the request: cpu too high", error.Message, StringComparison.Ordinal);
        Assert.Contains(statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(409)]
    [InlineData(504)]
    public async Task A_busy_or_unavailable_api_server_is_a_transient_failure(int statusCode)
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        kube.StandIn.Faults.FailNext(1, statusCode, r => r.Verb == "patch" && r.Resource == "virtualmachines");

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => kube.Provisioner.ApplyAsync(kube.Vm("vm-a1")));

        Assert.False(error.Permanent);
    }

    [Fact]
    public async Task An_apply_retried_after_a_transient_failure_succeeds()
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        kube.StandIn.Faults.FailNext(1, 503, r => r.Resource == "namespaces");
        await Assert.ThrowsAsync<ProvisionerException>(() => kube.Provisioner.ApplyAsync(kube.Vm("vm-a1")));

        var observed = await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        Assert.Equal(ObservedPhase.Pending, observed.Phase);
    }

    [Fact]
    public async Task An_unreachable_api_server_is_a_transient_failure()
    {
        var unreachable = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        var provisioner = new Broker.Provisioners.Kubernetes.KubernetesProvisioner(unreachable, TestKube.Options);

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ObserveAsync("vm-a1"));

        Assert.False(error.Permanent);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }
}
