using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Tenancy;
using Broker.KubeStandIn;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Hosting;
using Broker.Silo.Tests.Metering;
using Broker.Silo.Tests.Tenancy;
using Broker.TestSupport.Postgres;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Silo.Tests.Resources;

/// <summary>
/// The resource grain against a real backend (the Kubernetes API server stand-in): drift put back by its reconcile,
/// and a resource whose backend the next silo does not configure refused rather than handed to the simulated room.
/// </summary>
public sealed class ResourceBackendTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private KubeStandIn.KubeStandIn _kube = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        // No controller delay: a VM is ready as soon as the controllers run (RunOnce), without waiting on any clock.
        _kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions { ControllerDelay = TimeSpan.Zero });
        _kubeconfig = await StandInKubeconfig.WriteAsync(_kube);
    }

    public async Task DisposeAsync()
    {
        await _kube.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Fact]
    public async Task A_vm_edited_behind_the_brokers_back_is_put_back_by_its_reconcile_and_audited()
    {
        await using var silo = await KubernetesSiloAsync();
        var (code, id, resource) = await ReadyVmAsync(silo);
        var counted = BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value;
        const string edit = """{"spec":{"template":{"spec":{"domain":{"cpu":{"cores":16}}}}}}""";
        await _kube.Client().CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(edit, k8s.Models.V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id);

        var after = await resource.ReconcileAsync();

        Assert.Equal(ResourceState.Ready, after!.State);
        Assert.Equal(2, (int)_kube.Peek(ResourceRef.VirtualMachine($"dept-{code}", id))!["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]!);
        Assert.Equal(counted + 1, BrokerMetrics.DriftRepaired.WithLabels("virtualmachine").Value);
        var audit = await silo.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "virtualmachine", ObjectId: id));
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task A_resource_whose_backend_is_no_longer_configured_goes_failed_naming_it_and_is_never_acted_on_by_another_backend()
    {
        string code, id;
        await using (var first = await KubernetesSiloAsync())
        {
            (code, id, _) = await ReadyVmAsync(first);
        }

        // The next silo has no Kubernetes settings: its only backend is the simulated room.
        await using var second = await TestSilo.StartAsync(database.ConnectionString);
        Assert.Null(second.Services.GetRequiredService<ProvisionerSelector>().Named("kubernetes"));
        Assert.Equal("ready", await DirectoryStateAsync(id));

        // The start-up pass (ResumeWorkService, which the API host runs when its silo starts) finds it without anyone asking.
        await ActivatorUtilities.CreateInstance<ResumeWorkService>(second.Services).StartAsync(CancellationToken.None);

        Assert.Equal("failed", await DirectoryStateAsync(id));
        var resource = second.Grains.GetGrain<IResourceGrain>(id);
        var view = (await resource.GetAsync())!;

        Assert.Equal(ResourceState.Failed, view.State);
        Assert.Equal("kubernetes", view.Backend);
        Assert.False(view.Simulated);
        Assert.Contains("backend.not-configured", view.FailureReason, StringComparison.Ordinal);
        Assert.Contains("'kubernetes'", view.FailureReason, StringComparison.Ordinal);
        var audit = await second.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(ObjectType: "resource", ObjectId: id));
        Assert.Equal("resource.failed", audit[0].Action);

        // Every operation that would reach the backend answers 409 naming it, and changes nothing.
        foreach (var refused in new[]
        {
            await resource.DeleteAsync(Departments.Admin),
            await resource.RetryAsync(Departments.Admin),
            await resource.StopAsync(Departments.Admin),
            await resource.ResizeAsync(Journal.Vm(4, 8, 40, plan: "vm-medium"), Departments.Admin),
        })
        {
            Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, BackendRules.NotConfiguredCode, "backend", "kubernetes"), refused.Error);
        }

        Assert.Equal(BackendRules.NotConfiguredCode, (await resource.IssueDatabaseAccessAsync(Departments.Admin, mayReset: true)).Error?.Code);

        // Reconciling again (a sweep, an operator) records nothing more: no loop.
        Assert.Equal(view.Seq, (await resource.ReconcileAsync())!.Seq);
        var sweep = await second.Grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key).SweepAsync();
        Assert.Equal(0, sweep.Failed);
        Assert.Equal(view.Seq, (await resource.GetAsync())!.Seq);

        // The VM still runs, untouched, and its quota stays counted: only its backend can say it is gone.
        Assert.NotNull(_kube.Peek(ResourceRef.VirtualMachine($"dept-{code}", id)));
        Assert.Equal(2, (await second.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!.Used["vcpu"]);
    }

    [Fact]
    public async Task Restoring_the_backends_configuration_lets_a_resource_it_failed_be_retried_to_ready()
    {
        string id;
        await using (var first = await KubernetesSiloAsync())
        {
            (_, id, _) = await ReadyVmAsync(first);
        }

        await using (var without = await TestSilo.StartAsync(database.ConnectionString))
        {
            Assert.Equal(ResourceState.Failed, (await without.Grains.GetGrain<IResourceGrain>(id).GetAsync())!.State);
        }

        await using var restored = await KubernetesSiloAsync();
        var resource = restored.Grains.GetGrain<IResourceGrain>(id);
        Assert.Equal(ResourceState.Failed, (await resource.GetAsync())!.State);

        Assert.Null((await resource.RetryAsync(Departments.Admin)).Error);
        _kube.Controllers.RunOnce();
        Assert.Equal(ResourceState.Ready, (await resource.ReconcileAsync())!.State);
    }

    private Task<TestSilo> KubernetesSiloAsync() => TestSilo.StartAsync(database.ConnectionString, overrides: new Dictionary<string, string?>
    {
        ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = _kubeconfig,
        ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
    });

    /// <summary>A department with one 2-core VM, created approved and ready on the stand-in.</summary>
    private async Task<(string Code, string Id, IResourceGrain Resource)> ReadyVmAsync(TestSilo silo)
    {
        var code = Departments.NewCode("backend");
        var id = $"{code}-vm";
        var spec = Journal.Vm(2, 4, 40);
        var department = await Departments.CreateAsync(silo.Grains, code, new QuotaVector(new Dictionary<string, long>
        {
            ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 500, ["vms"] = 2,
        }));
        Assert.True((await department.ReserveAsync(Departments.Request(id, spec.Vector, TimeSpan.FromDays(7)), ReservationOwner.System, Departments.Admin)).Granted);
        var resource = silo.Grains.GetGrain<IResourceGrain>(id);
        var created = await resource.CreateAsync(new ResourceCreation(code, "core", "order-1", "extranet", spec, null, Approved: true), Departments.Admin);
        Assert.Equal("kubernetes", created.Resource!.Backend);
        _kube.Controllers.RunOnce();
        Assert.Equal(ResourceState.Ready, (await resource.ReconcileAsync())!.State);
        return (code, id, resource);
    }

    private async Task<string?> DirectoryStateAsync(string id)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select state from broker.resources where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync();
    }
}
