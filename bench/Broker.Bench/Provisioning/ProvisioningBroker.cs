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

namespace Broker.Bench.Provisioning;

/// <summary>
/// The broker as production wires it (silo, real clock, durable PostgreSQL, the Kubernetes backend configured by a
/// kubeconfig file), called through <see cref="IGrainFactory"/> exactly as <c>POST /api/departments/{code}/orders</c>
/// calls it. The HTTP layer (token check, JSON) is left out: it costs the same per request whatever the placer, and it
/// is the provisioning path (admission, durable journals, the resource grains and their Kubernetes calls) that this
/// benchmark weighs against a minimal durable controller (<see cref="MinimalController"/>).
/// </summary>
public sealed class ProvisioningBroker : IOrderPath, IAsyncDisposable
{
    private static readonly Actor Client = new("bench:provisioning", "Provisioning benchmark", "bench-provisioning");

    // Nobody reviews a system they registered (system.self-review): the platform's reviewer is someone else.
    private static readonly Actor Reviewer = new("bench:platform-reviewer", "Platform reviewer", "bench-provisioning");

    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;

    private ProvisioningBroker(IHost host, NpgsqlDataSource dataSource)
    {
        _host = host;
        _dataSource = dataSource;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public static async Task<ProvisioningBroker> StartAsync(string connectionString, string kubeconfigPath)
    {
        var host = await BenchBroker.StartAsync(connectionString, settings =>
        {
            settings["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfigPath;
            settings[$"Broker:Provisioning:Kubernetes:Images:{ProvisioningSettings.Image}"] = "docker://registry.cloud.gov.internal/images/debian:12";
        });
        return new ProvisioningBroker(host, NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>The VM plan, and per department a quota and an approved system whose envelope holds every order.</summary>
    public async Task SetUpAsync(ProvisioningSettings settings)
    {
        var vm = new VmSpec(ProvisioningSettings.Vcpu, ProvisioningSettings.MemoryGib, ProvisioningSettings.DiskGib, [ProvisioningSettings.Image]);
        var plan = await _host.Services.GetRequiredService<CatalogStore>().CreatePlanAsync(
            ProvisioningSettings.PlanCode, new PlanDraft(OfferingKind.Vm, "基准云主机", "Benchmark VM", ["silver"], PlanQuota.Derive(OfferingKind.Vm, vm, null), vm, null), Client);
        if (plan.Error is not null)
        {
            throw new InvalidOperationException($"Creating the plan failed: {plan.Error}");
        }

        var n = settings.OrdersPerDepartment;
        var limits = new QuotaVector(new Dictionary<string, long>
        {
            ["vcpu"] = n * ProvisioningSettings.Vcpu, ["memory_gib"] = n * ProvisioningSettings.MemoryGib,
            ["storage_gib"] = n * ProvisioningSettings.DiskGib, ["vms"] = n, ["databases"] = 0,
        });
        var declarations = new SystemDeclarations(true, null, NetworkZone.Extranet, DataSharingScope.Department, ["bench-records"]);
        for (var i = 0; i < settings.Departments; i++)
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
        }
    }

    /// <summary>
    /// Places one order for one VM; returns when the broker answers (the order is approved). Whether its resources are
    /// built before that answer or after it, readiness is read from the resources (<see cref="ReadyAsync"/>), never
    /// taken from the answer.
    /// </summary>
    public async Task PlaceAsync(string department, string orderId)
    {
        var placed = await Grains.GetOrder(new OrderKey(department, orderId)).PlaceAsync(
            new OrderRequest("core", ProvisioningSettings.PlanCode, "silver", 1, ProvisioningSettings.Image, null, null, null), Client);
        if (placed.Error is not null || placed.Order?.State != OrderState.Approved)
        {
            throw new InvalidOperationException($"Order {department}/{orderId}: {placed.Error?.ToString() ?? placed.Order?.State.ToString()}");
        }
    }

    /// <summary>
    /// How many resources of orders whose id starts with <paramref name="orderPrefix"/> are ready, and when the last of
    /// them became ready (its journal write, the moment the broker could tell the department).
    /// </summary>
    public async Task<ReadyTally> ReadyAsync(string orderPrefix)
    {
        await using var command = _dataSource.CreateCommand(
            "select count(*), max(updated_at) from broker.resources where state = 'ready' and starts_with(order_id, @prefix)");
        command.Parameters.AddWithValue("prefix", orderPrefix);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ReadyTally((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _dataSource.DisposeAsync();
    }
}
