using Broker.Bench.Hosting;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Broker.Bench.Reconcile;

/// <summary>
/// The broker as production wires it (silo, real clock, durable PostgreSQL, the Kubernetes backend configured by a
/// kubeconfig file, the resource watch on), filled with ready VMs through its own order path.
/// </summary>
public sealed class ReconcileBroker : IAsyncDisposable
{
    private static readonly Actor Client = new("bench:reconcile", "Reconcile benchmark", "bench-reconcile");

    // A system is reviewed by someone other than who registered it.
    private static readonly Actor Reviewer = new("bench:reviewer", "Reconcile benchmark reviewer", "bench-reconcile");

    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;

    private ReconcileBroker(IHost host, NpgsqlDataSource dataSource)
    {
        _host = host;
        _dataSource = dataSource;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public static async Task<ReconcileBroker> StartAsync(string connectionString, string kubeconfigPath)
    {
        var host = await BenchBroker.StartAsync(connectionString, settings =>
        {
            settings["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfigPath;
            settings[$"Broker:Provisioning:Kubernetes:Images:{ReconcileSettings.Image}"] = "docker://registry.cloud.gov.internal/images/debian:12";
            // Orders of 50 VMs go through without a person, as the benchmark's bulk creation needs.
            settings["Broker:Approval:AutoApprove:MaxTotalVcpu"] = (ReconcileSettings.PerOrder * ReconcileSettings.Vcpu).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        return new ReconcileBroker(host, NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>The VM plan, and per department a quota and an approved system that hold its share of the VMs.</summary>
    public async Task SetUpAsync(ReconcileSettings settings)
    {
        var vm = new VmSpec(ReconcileSettings.Vcpu, ReconcileSettings.MemoryGib, ReconcileSettings.DiskGib, [ReconcileSettings.Image]);
        var plan = await _host.Services.GetRequiredService<CatalogStore>().CreatePlanAsync(
            ReconcileSettings.PlanCode, new PlanDraft(OfferingKind.Vm, "基准云主机", "Benchmark VM", ["silver"], PlanQuota.Derive(OfferingKind.Vm, vm, null), vm, null), Client);
        if (plan.Error is not null)
        {
            throw new InvalidOperationException($"Creating the plan failed: {plan.Error}");
        }

        var n = settings.PerDepartment;
        var limits = new QuotaVector(new Dictionary<string, long>
        {
            ["vcpu"] = n * ReconcileSettings.Vcpu, ["memory_gib"] = n * ReconcileSettings.MemoryGib,
            ["storage_gib"] = n * ReconcileSettings.DiskGib, ["vms"] = n, ["databases"] = 0,
        });
        var declarations = new SystemDeclarations(true, null, NetworkZone.Extranet, DataSharingScope.Department, ["bench-records"]);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Departments), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var code = settings.Department(i);
            var created = await Grains.GetGrain<IDepartmentGrain>(code).CreateAsync(
                new DepartmentProfile("基准部门", "Benchmark department", null, null, [], DepartmentStatus.Active), limits, Client);
            var system = Grains.GetSystem(new SystemKey(code, "core"));
            var registered = await system.RegisterAsync(new SystemRegistration("基准系统", null, 2, 1_000_000m, SystemCategory.BusinessApplication, declarations, null), Client);
            var reviewed = await system.ReviewAsync(new SystemReview(true, new SystemEnvelope(limits, EnvelopePeriod.Total), null, "benchmark"), Reviewer);
            if ((created.Error ?? registered.Error ?? reviewed.Error) is { } error)
            {
                throw new InvalidOperationException($"Setting up {code} failed: {error}");
            }
        });
    }

    /// <summary>Places one order for <paramref name="quantity"/> VMs; returns when the broker answers.</summary>
    public async Task PlaceAsync(string department, string orderId, int quantity)
    {
        var placed = await Grains.GetOrder(new OrderKey(department, orderId)).PlaceAsync(
            new OrderRequest("core", ReconcileSettings.PlanCode, "silver", quantity, ReconcileSettings.Image, null, null, null), Client);
        if (placed.Error is not null || placed.Order?.State != OrderState.Approved)
        {
            throw new InvalidOperationException($"Order {department}/{orderId}: {placed.Error?.ToString() ?? placed.Order?.State.ToString()}");
        }
    }

    /// <summary>How many resources are ready.</summary>
    public async Task<int> ReadyAsync()
    {
        await using var command = _dataSource.CreateCommand("select count(*) from broker.resources where state = 'ready'");
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every resource the broker holds live: id to department.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LiveAsync()
    {
        await using var command = _dataSource.CreateCommand("select id, department from broker.resources where state in ('ready', 'stopped')");
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            live[reader.GetString(0)] = reader.GetString(1);
        }

        return live;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _dataSource.DisposeAsync();
    }
}
