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

/// <summary>A silo wired with the Kubernetes backend against the API server stand-in, without the resource watch.</summary>
public sealed class NamespaceGrainTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private KubeSilo _kubeSilo = null!;

    private Broker.KubeStandIn.KubeStandIn Kube => _kubeSilo.Kube;

    private TestSilo Host => _kubeSilo.Silo;

    public async Task InitializeAsync() =>
        // The pass as it works without the resource watch, which otherwise repairs drift first (ResourceWatchTests).
        _kubeSilo = await KubeSilo.StartAsync(database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["Broker:Provisioning:Kubernetes:Watch:Enabled"] = "false",
        });

    public async Task DisposeAsync() => await _kubeSilo.DisposeAsync();

    [Fact]
    public void With_a_cluster_configured_vms_and_databases_are_routed_to_kubernetes()
    {
        var selector = Host.Services.GetRequiredService<ProvisionerSelector>();

        Assert.Equal("kubernetes", selector.For(ContractKind.Vm).Name);
        Assert.Equal("kubernetes", selector.For(ContractKind.Database).Name);
        // Resources keep the backend they were created on.
        Assert.Equal("simulated", selector.Named("simulated")?.Name);
    }

    [Fact]
    public async Task Creating_a_department_and_raising_its_quota_reach_the_namespace_resource_quota()
    {
        var code = NewCode("ns");
        var department = await CreateAsync(Host.Grains, code, KubeSilo.Limits(vms: 2));

        Assert.Equal(2m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());

        Assert.Null((await department.SetLimitsAsync(KubeSilo.Limits(vms: 5), Admin)).Error);

        Assert.Equal(5m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Empty(await Host.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync());
    }

    [Fact]
    public async Task A_quota_deleted_behind_the_brokers_back_is_recreated_audited_and_counted()
    {
        var code = NewCode("ns");
        await CreateAsync(Host.Grains, code, KubeSilo.Limits(vms: 3));
        var counted = BrokerMetrics.DriftRepaired.WithLabels("resourcequota").Value;
        await Kube.Client().CoreV1.DeleteCollectionNamespacedResourceQuotaAsync($"dept-{code}", fieldSelector: "metadata.name=broker-quota");

        var repaired = await Host.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(["resourcequota/broker-quota: missing"], repaired);
        Assert.Equal(3m, (await QuotaAsync(code)).Spec.Hard["count/virtualmachines.kubevirt.io"].ToDecimal());
        Assert.Equal(counted + 1, BrokerMetrics.DriftRepaired.WithLabels("resourcequota").Value);
        var audit = await Host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "resourcequota"));
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task A_ready_vm_edited_behind_the_brokers_back_is_put_back_by_the_namespace_pass_and_audited()
    {
        var code = NewCode("ns");
        var id = $"{code}-vm";
        var resource = await _kubeSilo.ReadyVmAsync(code, id);
        var counted = BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value;

        await _kubeSilo.GiveMoreCoresBehindTheBrokersBackAsync(code, id);

        await Host.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(2, await _kubeSilo.CoresAsync(code, id));
        Assert.Equal(counted + 1, BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value);
        var audit = await Host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "virtualmachine"));
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
        Assert.Equal(ResourceState.Ready, (await resource.GetAsync())!.State);
    }

    [Fact]
    public async Task A_resource_that_cannot_be_reconciled_does_not_stop_the_pass_for_the_others()
    {
        var code = NewCode("ns");
        var good = $"{code}-vm-b";
        await _kubeSilo.ReadyVmAsync(code, good);

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

        await _kubeSilo.GiveMoreCoresBehindTheBrokersBackAsync(code, good);

        await Host.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(2, await _kubeSilo.CoresAsync(code, good));
    }

    private Task<k8s.Models.V1ResourceQuota> QuotaAsync(string code) =>
        Kube.Client().CoreV1.ReadNamespacedResourceQuotaAsync("broker-quota", $"dept-{code}");
}
