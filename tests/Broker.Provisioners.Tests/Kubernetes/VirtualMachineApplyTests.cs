using k8s;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class VirtualMachineApplyTests
{
    [Fact]
    public async Task Applying_a_vm_creates_the_department_namespace_with_pod_security_labels()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var ns = await kube.Client.CoreV1.ReadNamespaceAsync(kube.Namespace);
        Assert.Equal(kube.Department, ns.Metadata.Labels["broker.gov/department"]);
        Assert.Equal("broker", ns.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task Applying_a_vm_puts_a_default_deny_policy_allowing_only_dns_and_the_namespace_itself()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var policy = await kube.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("broker-default-deny", kube.Namespace);
        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.Empty(policy.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.NotNull(Assert.Single(Assert.Single(policy.Spec.Ingress).FromProperty).PodSelector);
        Assert.Equal(2, policy.Spec.Egress.Count);
        Assert.All(policy.Spec.Egress[1].Ports, p => Assert.Equal("53", p.Port.Value));
    }

    [Fact]
    public async Task Applying_a_vm_creates_a_virtual_machine_named_after_the_resource_with_its_labels_and_shape()
    {
        await using var kube = await TestKube.StartAsync();

        var observed = await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        Assert.Equal(ObservedPhase.Pending, observed.Phase);
        var vm = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"))!;
        var labels = vm["metadata"]!["labels"]!;
        Assert.Equal(kube.Department, (string?)labels["broker.gov/department"]);
        Assert.Equal("hf-portal", (string?)labels["broker.gov/system"]);
        Assert.Equal("vm-a1", (string?)labels["broker.gov/resource-id"]);
        Assert.Equal("vm-standard", (string?)labels["broker.gov/plan"]);
        var spec = vm["spec"]!;
        Assert.Equal("Always", (string?)spec["runStrategy"]);
        Assert.Equal(2, (int?)spec["template"]!["spec"]!["domain"]!["cpu"]!["cores"]);
        Assert.Equal("8Gi", (string?)spec["template"]!["spec"]!["domain"]!["memory"]!["guest"]);
        var disk = spec["dataVolumeTemplates"]![0]!;
        Assert.Equal("vm-a1-root", (string?)disk["metadata"]!["name"]);
        Assert.Equal("docker://registry.cloud.gov.internal/images/debian:12", (string?)disk["spec"]!["source"]!["registry"]!["url"]);
        Assert.Equal("50Gi", (string?)disk["spec"]!["storage"]!["resources"]!["requests"]!["storage"]);
        Assert.Equal("gov-ssd", (string?)disk["spec"]!["storage"]!["storageClassName"]);
    }

    [Fact]
    public async Task An_image_served_over_https_is_imported_from_an_http_source()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1", image: "rhel-9"));

        var vm = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"))!;
        var source = vm["spec"]!["dataVolumeTemplates"]![0]!["spec"]!["source"]!.AsObject();
        Assert.Equal("https://images.cloud.gov.internal/rhel-9.qcow2", (string?)source["http"]!["url"]);
        Assert.False(source.ContainsKey("registry"));
    }

    [Fact]
    public async Task Reapplying_the_same_vm_creates_no_duplicate_and_changes_nothing()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));
        var first = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"))!;

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var second = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"))!;
        Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)second["metadata"]!["resourceVersion"]);
        Assert.Single(await kube.ListCustomAsync("kubevirt.io", "v1", "virtualmachines"));
        // The default deny and one ingress policy per configured zone (TestKube configures two), each once.
        Assert.Equal(3, (await kube.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(kube.Namespace)).Items.Count);
    }

    [Fact]
    public async Task Applying_is_a_server_side_apply_by_the_broker_field_manager()
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-a1"));

        var patch = Assert.Single(kube.StandIn.Requests.Of("patch", "virtualmachines"));
        Assert.Equal("application/apply-patch+yaml", patch.ContentType);
        Assert.Contains("fieldManager=broker", patch.Request.Query, StringComparison.Ordinal);
        Assert.Contains("force=true", patch.Request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_the_cluster_does_not_offer_is_refused_as_permanent_before_anything_is_written()
    {
        await using var kube = await TestKube.StartAsync();

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => kube.Provisioner.ApplyAsync(kube.Vm("vm-a1", image: "windows-xp")));

        Assert.True(error.Permanent);
        Assert.Contains("windows-xp", error.Message, StringComparison.Ordinal);
        Assert.Null(await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-a1"));
    }

    [Fact]
    public async Task A_department_code_that_cannot_name_a_namespace_is_refused_as_permanent()
    {
        await using var kube = await TestKube.StartAsync();

        var error = await Assert.ThrowsAsync<ProvisionerException>(() => kube.Provisioner.ApplyAsync(kube.Vm("vm-a1") with { Department = "Housing_Fund" }));

        Assert.True(error.Permanent);
    }
}
