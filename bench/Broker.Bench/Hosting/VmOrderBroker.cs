using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Catalog;
using Broker.Silo.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Broker.Bench.Hosting;

/// <summary>
/// The broker as production wires it (silo, real clock, durable PostgreSQL, the Kubernetes backend configured by a
/// kubeconfig file), with the <see cref="BenchVm"/> plan and departments whose approved system can order it, called
/// through <see cref="IGrainFactory"/> exactly as <c>POST /api/departments/{code}/orders</c> calls it. The benchmarks
/// that order VMs (provisioning, reconcile) share it and add what they read.
/// </summary>
public sealed class VmOrderBroker : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Actor _client;

    // Nobody reviews a system they registered (system.self-review): the platform's reviewer is someone else.
    private readonly Actor _reviewer;

    private VmOrderBroker(IHost host, string connectionString, string benchmark)
    {
        _host = host;
        _client = new Actor($"bench:{benchmark}", $"Benchmark {benchmark}", $"bench-{benchmark}");
        _reviewer = new Actor("bench:platform-reviewer", "Platform reviewer", $"bench-{benchmark}");
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public IGrainFactory Grains { get; }

    /// <summary>The broker's database, for reading what it holds (the resources' directory).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Starts the broker for benchmark <paramref name="benchmark"/>; <paramref name="configure"/> adds settings of its own.</summary>
    public static async Task<VmOrderBroker> StartAsync(string benchmark, string connectionString, string kubeconfigPath, Action<IDictionary<string, string?>>? configure = null)
    {
        var host = await BenchBroker.StartAsync(connectionString, settings =>
        {
            settings["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfigPath;
            settings[$"Broker:Provisioning:Kubernetes:Images:{BenchVm.Image}"] = "docker://registry.cloud.gov.internal/images/debian:12";
            configure?.Invoke(settings);
        });
        return new VmOrderBroker(host, connectionString, benchmark);
    }

    /// <summary>
    /// The VM plan, and per department a quota and an approved system whose envelope hold <paramref name="vmsPerDepartment"/>
    /// VMs; <paramref name="parallelism"/> departments at a time.
    /// </summary>
    public async Task SetUpAsync(IReadOnlyList<string> departments, int vmsPerDepartment, int parallelism)
    {
        var vm = new VmSpec(BenchVm.Vcpu, BenchVm.MemoryGib, BenchVm.DiskGib, [BenchVm.Image]);
        var plan = await _host.Services.GetRequiredService<CatalogStore>().CreatePlanAsync(
            BenchVm.PlanCode, new PlanDraft(OfferingKind.Vm, "基准云主机", "Benchmark VM", ["silver"], PlanQuota.Derive(OfferingKind.Vm, vm, null), vm, null), _client);
        if (plan.Error is not null)
        {
            throw new InvalidOperationException($"Creating the plan failed: {plan.Error}");
        }

        var n = vmsPerDepartment;
        var limits = new QuotaVector(new Dictionary<string, long>
        {
            ["vcpu"] = n * BenchVm.Vcpu, ["memory_gib"] = n * BenchVm.MemoryGib,
            ["storage_gib"] = n * BenchVm.DiskGib, ["vms"] = n, ["databases"] = 0,
        });
        var declarations = new SystemDeclarations(true, null, NetworkZone.Extranet, DataSharingScope.Department, ["bench-records"]);
        await Parallel.ForEachAsync(departments, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (code, _) =>
        {
            var created = await Grains.GetGrain<IDepartmentGrain>(code).CreateAsync(
                new DepartmentProfile("基准部门", "Benchmark department", null, null, [], DepartmentStatus.Active), limits, _client);
            var system = Grains.GetSystem(new SystemKey(code, "core"));
            var registered = await system.RegisterAsync(new SystemRegistration("基准系统", null, 2, 1_000_000m, SystemCategory.BusinessApplication, declarations, null), _client);
            var reviewed = await system.ReviewAsync(new SystemReview(true, new SystemEnvelope(limits, EnvelopePeriod.Total), null, "benchmark"), _reviewer);
            if ((created.Error ?? registered.Error ?? reviewed.Error) is { } error)
            {
                throw new InvalidOperationException($"Setting up {code} failed: {error}");
            }
        });
    }

    /// <summary>
    /// Places one order for <paramref name="quantity"/> VMs; returns when the broker answers (the order is approved).
    /// Readiness is read from the resources, never taken from the answer.
    /// </summary>
    public async Task PlaceAsync(string department, string orderId, int quantity)
    {
        // Where the API's HTTP request would start the order's trace (only with tracing configured; else null).
        using var trace = BrokerActivities.Source.StartActivity(BrokerActivities.NamePrefix + "bench.order");
        var placed = await Grains.GetOrder(new OrderKey(department, orderId)).PlaceAsync(
            new OrderRequest("core", BenchVm.PlanCode, "silver", quantity, BenchVm.Image, null, null, null), _client);
        if (placed.Error is not null || placed.Order?.State != OrderState.Approved)
        {
            throw new InvalidOperationException($"Order {department}/{orderId}: {placed.Error?.ToString() ?? placed.Order?.State.ToString()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await DataSource.DisposeAsync();
    }
}
