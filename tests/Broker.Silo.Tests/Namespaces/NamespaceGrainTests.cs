using Broker.Contracts.Namespaces;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using static Broker.Silo.Tests.Tenancy.Departments;
using ContractKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Tests.Namespaces;

/// <summary>A silo wired with the Kubernetes backend against the API server stand-in.</summary>
public sealed class NamespaceGrainTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private Broker.KubeStandIn.KubeStandIn _kube = null!;
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        // No controller delay: a VM is ready as soon as the controllers run (RunOnce), without waiting on the clock.
        _kube = await Broker.KubeStandIn.KubeStandIn.StartAsync(new Broker.KubeStandIn.KubeStandInOptions { ControllerDelay = TimeSpan.Zero });
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"broker-silo-kubeconfig-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"} name: standin, cluster: {"{"} server: "{_kube.Url}" {"}"} {"}"}]
            users: [{"{"} name: standin, user: {"{"} token: not-a-secret {"}"} {"}"}]
            contexts: [{"{"} name: standin, context: {"{"} cluster: standin, user: standin {"}"} {"}"}]
            current-context: standin
            """);
        _silo = await TestSilo.StartAsync(database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfig,
            ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _kube.DisposeAsync();
    }

    [Fact]
    public void With_a_cluster_configured_vms_and_databases_are_routed_to_kubernetes()
    {
        var selector = _silo.Services.GetRequiredService<ProvisionerSelector>();

        Assert.Equal("kubernetes", selector.For(ContractKind.Vm).Name);
        Assert.Equal("kubernetes", selector.For(ContractKind.Database).Name);
        // Resources keep the backend they were created on.
        Assert.Equal("simulated", selector.Named("simulated")?.Name);
    }

    [Fact]
    public async Task Creating_a_department_and_raising_its_quota_reach_the_namespace_resource_quota()
    {
        var code = NewCode("ns");
        var department = await CreateAsync(_silo.Grains, code, Limits(vms: 2));

        Assert.Equal(2m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());

        Assert.Null((await department.SetLimitsAsync(Limits(vms: 5), Admin)).Error);

        Assert.Equal(5m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Empty(await _silo.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync());
    }

    [Fact]
    public async Task A_quota_deleted_behind_the_brokers_back_is_recreated_audited_and_counted()
    {
        var code = NewCode("ns");
        await CreateAsync(_silo.Grains, code, Limits(vms: 3));
        var counted = BrokerMetrics.DriftRepaired.WithLabels("resourcequota").Value;
        await _kube.Client().CoreV1.DeleteCollectionNamespacedResourceQuotaAsync($"dept-{code}", fieldSelector: "metadata.name=broker-quota");

        var repaired = await _silo.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(["resourcequota/broker-quota: missing"], repaired);
        Assert.Equal(3m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Equal(counted + 1, BrokerMetrics.DriftRepaired.WithLabels("resourcequota").Value);
        var audit = await _silo.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "resourcequota"));
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task A_ready_vm_edited_behind_the_brokers_back_is_put_back_by_the_namespace_pass_and_audited()
    {
        var code = NewCode("ns");
        var id = $"{code}-vm";
        var resource = await ReadyVmAsync(code, id);
        var counted = BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value;

        await GiveMoreCoresBehindTheBrokersBackAsync(code, id);

        await _silo.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(2, await CoresAsync(code, id));
        Assert.Equal(counted + 1, BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value);
        var audit = await _silo.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "virtualmachine"));
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
        Assert.Equal(ResourceState.Ready, (await resource.GetAsync())!.State);
    }

    [Fact]
    public async Task A_resource_that_cannot_be_reconciled_does_not_stop_the_pass_for_the_others()
    {
        var code = NewCode("ns");
        var good = $"{code}-vm-b";
        await ReadyVmAsync(code, good);

        // Listed first (ids in order) and unreadable: its journal holds an event of no known type, so its grain cannot
        // activate, and every call to it fails.
        await using (var data = Npgsql.NpgsqlDataSource.Create(database.ConnectionString))
        {
            await using var bad = data.CreateCommand("""
                insert into broker.resources (id, department, system_id, order_id, kind, plan_code, plan_version, sla_tier, state, created_at, updated_at)
                values (@id, @d, 'core', 'order-0', 'vm', 'vm-small', 1, 'bronze', 'ready', now(), now());
                insert into broker.resource_events (resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id)
                values (@id, 1, now(), 'created', '{"type":"no-such-event"}', @d, 'core', 'vm-small', 1, 'bronze', 'ready', '{}', 'test', 'test');
                """);
            bad.Parameters.AddWithValue("id", $"{code}-vm-a");
            bad.Parameters.AddWithValue("d", code);
            await bad.ExecuteNonQueryAsync();
        }

        await GiveMoreCoresBehindTheBrokersBackAsync(code, good);

        await _silo.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(2, await CoresAsync(code, good));
    }

    /// <summary>A department with one VM of 2 cores, created approved and ready on the stand-in.</summary>
    private async Task<IResourceGrain> ReadyVmAsync(string code, string id)
    {
        var spec = Broker.Silo.Tests.Metering.Journal.Vm(2, 4, 40);
        var department = await CreateAsync(_silo.Grains, code, Limits(vms: 2));
        Assert.True((await department.ReserveAsync(Request(id, spec.Vector, TimeSpan.FromDays(7)), ReservationOwner.System, Admin)).Granted);
        var resource = _silo.Grains.GetGrain<IResourceGrain>(id);
        Assert.Null((await resource.CreateAsync(new ResourceCreation(code, "core", "order-1", "extranet", spec, null, Approved: true), Admin)).Error);
        _kube.Controllers.RunOnce();
        Assert.Equal(ResourceState.Ready, (await resource.ReconcileAsync())!.State);
        return resource;
    }

    /// <summary>Someone gives the VM 16 cores with kubectl; nothing tells the broker.</summary>
    private async Task GiveMoreCoresBehindTheBrokersBackAsync(string code, string id)
    {
        const string edit = """{"spec":{"template":{"spec":{"domain":{"cpu":{"cores":16}}}}}}""";
        await _kube.Client().CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(edit, k8s.Models.V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id);
        Assert.Equal(16, await CoresAsync(code, id));
    }

    private async Task<int> CoresAsync(string code, string id)
    {
        var vm = System.Text.Json.JsonSerializer.SerializeToNode(
            await _kube.Client().CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id))!;
        return (int)vm["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]!;
    }

    private static QuotaVector Limits(long vms) => new(new Dictionary<string, long>
    {
        ["vcpu"] = 16,
        ["memory_gib"] = 64,
        ["storage_gib"] = 500,
        ["vms"] = vms,
        ["databases"] = 1,
    });

    private Task<k8s.Models.V1ResourceQuota> QuotaAsync(string code) =>
        _kube.Client().CoreV1.ReadNamespacedResourceQuotaAsync("broker-quota", $"dept-{code}");
}
