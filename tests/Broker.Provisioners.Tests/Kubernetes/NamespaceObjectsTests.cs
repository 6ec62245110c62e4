using Broker.Provisioners.Kubernetes;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class NamespaceObjectsTests
{
    private static readonly DepartmentQuota Quota = new(Vcpu: 8, MemoryGib: 24, StorageGib: 200, Vms: 2, Databases: 1);

    [Fact]
    public async Task Reconciling_a_new_department_creates_its_namespace_quota_limits_and_zone_policies()
    {
        await using var kube = await TestKube.StartAsync();

        var repairs = await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        Assert.All(repairs, r => Assert.Equal("created", r.Reason));
        Assert.Equal(["limitrange", "namespace", "networkpolicy", "networkpolicy", "networkpolicy", "resourcequota", "rolebinding"], repairs.Select(r => r.Kind).Order().ToArray());
        var quota = await kube.Client.CoreV1.ReadNamespacedResourceQuotaAsync("broker-quota", kube.Namespace);
        var options = TestKube.Options;
        Assert.Equal(PodSizing.NamespaceMemoryMib(Quota, options) * 1024 * 1024, quota.Spec.Hard["requests.memory"].ToDecimal());
        Assert.Equal(PodSizing.NamespaceCpuMillicores(Quota, options) / 1000m, quota.Spec.Hard["requests.cpu"].ToDecimal());
        Assert.Equal(200m * 1024 * 1024 * 1024, quota.Spec.Hard["requests.storage"].ToDecimal());
        Assert.Equal(2m, quota.Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Equal(1m, quota.Spec.Hard["count/clusters.postgresql.cnpg.io"].ToDecimal());
        var limits = await kube.Client.CoreV1.ReadNamespacedLimitRangeAsync("broker-defaults", kube.Namespace);
        var item = Assert.Single(limits.Spec.Limits);
        Assert.Equal("100m", item.DefaultRequest["cpu"].ToString());
        Assert.Null(item.DefaultProperty);
    }

    [Fact]
    public async Task Each_zone_admits_only_its_configured_sources_into_pods_labelled_with_it()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        var extranet = await kube.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("broker-zone-extranet", kube.Namespace);
        Assert.Equal("extranet", extranet.Spec.PodSelector.MatchLabels["broker.gov/network-zone"]);
        Assert.Equal(["Ingress"], extranet.Spec.PolicyTypes);
        Assert.Equal(["10.20.0.0/16", "10.21.0.0/16"], Assert.Single(extranet.Spec.Ingress).FromProperty.Select(p => p.IpBlock.Cidr));
        var internet = await kube.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("broker-zone-internet", kube.Namespace);
        Assert.Equal("ingress-nginx", Assert.Single(Assert.Single(internet.Spec.Ingress).FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        // A zone without configuration gets no policy: the default deny keeps its pods closed to the outside.
        var names = (await kube.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(kube.Namespace)).Items.Select(p => p.Metadata.Name).Order();
        Assert.Equal(["broker-default-deny", "broker-zone-extranet", "broker-zone-internet"], names);
    }

    [Fact]
    public async Task A_second_reconcile_of_an_unchanged_namespace_writes_nothing()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        var repairs = await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        Assert.Empty(repairs);
    }

    [Fact]
    public async Task A_quota_deleted_or_edited_behind_the_brokers_back_is_reported_and_restored()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);
        // By collection: the answer is a Status on every server, where a single delete's answer varies.
        await kube.Client.CoreV1.DeleteCollectionNamespacedResourceQuotaAsync(kube.Namespace, fieldSelector: "metadata.name=broker-quota");
        var policy = await kube.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("broker-zone-extranet", kube.Namespace);
        policy.Spec.Ingress[0].FromProperty.Add(new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0" } });
        await kube.Client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(policy, "broker-zone-extranet", kube.Namespace);

        var repairs = await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        Assert.Equal(
            [new NamespaceRepair("networkpolicy", "broker-zone-extranet", "changed"), new NamespaceRepair("resourcequota", "broker-quota", "missing")],
            repairs.OrderBy(r => r.Kind, StringComparer.Ordinal));
        Assert.All(repairs, r => Assert.True(r.IsDrift));
        var restored = await kube.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("broker-zone-extranet", kube.Namespace);
        Assert.Equal(2, restored.Spec.Ingress[0].FromProperty.Count);
        Assert.NotNull(await kube.Client.CoreV1.ReadNamespacedResourceQuotaAsync("broker-quota", kube.Namespace));
    }

    [Fact]
    public async Task A_larger_department_quota_raises_the_namespace_quota()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota);

        var repairs = await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, Quota with { MemoryGib = 64, Vms = 4 });

        Assert.Equal(new NamespaceRepair("resourcequota", "broker-quota", "changed"), Assert.Single(repairs));
        var quota = await kube.Client.CoreV1.ReadNamespacedResourceQuotaAsync("broker-quota", kube.Namespace);
        Assert.Equal(4m, quota.Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Equal(PodSizing.NamespaceMemoryMib(Quota with { MemoryGib = 64, Vms = 4 }, TestKube.Options) * 1024 * 1024, quota.Spec.Hard["requests.memory"].ToDecimal());
    }

    [Fact]
    public async Task A_vm_requests_exactly_the_modelled_pod_size_and_carries_its_network_zone()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Vm("vm-z1"));

        var vm = (await kube.GetCustomAsync("kubevirt.io", "v1", "virtualmachines", "vm-z1"))!;
        var template = vm["spec"]!["template"]!;
        Assert.Equal("extranet", (string?)template["metadata"]!["labels"]!["broker.gov/network-zone"]);
        var resources = template["spec"]!["domain"]!["resources"]!;
        Assert.True((bool?)resources["overcommitGuestOverhead"]);
        Assert.Equal(PodSizing.VmMemoryMib(2, 8, TestKube.Options) * 1024 * 1024, new ResourceQuantity((string?)resources["requests"]!["memory"]).ToDecimal());
        Assert.Equal(PodSizing.VmCpuMillicores(2, TestKube.Options) / 1000m, new ResourceQuantity((string?)resources["requests"]!["cpu"]).ToDecimal());
    }

    [Fact]
    public async Task Database_pods_inherit_the_network_zone_label()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Database("db-z1"));

        var cluster = (await kube.GetCustomAsync("postgresql.cnpg.io", "v1", "clusters", "db-z1"))!;
        Assert.Equal("extranet", (string?)cluster["spec"]!["inheritedMetadata"]!["labels"]!["broker.gov/network-zone"]);
    }

    [Fact]
    public async Task Listing_a_namespace_finds_the_brokers_vms_and_databases_by_resource_id()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-l1"));
        await kube.Provisioner.ApplyAsync(kube.Database("db-l1"));

        var found = await kube.Provisioner.Namespaces.ListResourcesAsync(kube.Department);

        Assert.Equal(Broker.Provisioners.Contract.WorkloadKind.Vm, found["vm-l1"]);
        Assert.Equal(Broker.Provisioners.Contract.WorkloadKind.Database, found["db-l1"]);
        Assert.Equal(2, found.Count);
    }
}
