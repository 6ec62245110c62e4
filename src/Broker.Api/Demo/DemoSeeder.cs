using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Api.Catalog;
using Broker.Silo.Catalog;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.Api.Metering;
using Microsoft.Extensions.Options;

namespace Broker.Api.Demo;

/// <summary>
/// Creates a few departments of a district government with quotas, so that <c>./run.sh</c> shows something real.
/// Creation is idempotent by code, so a restart changes nothing.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, CatalogStore catalog, IOptions<DemoOptions> options, RateCardStore rateCards, BrokerClock clock) : IHostedService
{
    public static readonly IReadOnlyList<(string Code, string NameZh, string NameEn, string? Parent, Dictionary<string, long> Quota)> Departments =
    [
        ("district-office", "区政府办公室", "District Government Office", null,
            new() { ["vcpu"] = 64, ["memory_gib"] = 256, ["storage_gib"] = 4096, ["vms"] = 20, ["databases"] = 8 }),
        ("housing-fund", "住房公积金管理中心", "Housing Provident Fund Centre", "district-office",
            new() { ["vcpu"] = 32, ["memory_gib"] = 128, ["storage_gib"] = 2048, ["vms"] = 10, ["databases"] = 4 }),
        ("social-insurance", "人力资源和社会保障局", "Human Resources and Social Security Bureau", null,
            new() { ["vcpu"] = 128, ["memory_gib"] = 512, ["storage_gib"] = 16384, ["vms"] = 40, ["databases"] = 12 }),
        ("finance-bureau", "财政局", "Finance Bureau", null,
            new() { ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 1024, ["vms"] = 6, ["databases"] = 2 }),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }

        var actor = Actor.System("demo-seed");
        foreach (var (code, zh, en, parent, quota) in Departments)
        {
            var grain = grains.GetGrain<IDepartmentGrain>(code);
            if (await grain.GetAsync() is null)
            {
                var contact = new Contact($"{en} IT", $"it@{code}.gov.example", null, "IT contact");
                await grain.CreateAsync(new DepartmentProfile(zh, en, parent, $"BUD-{code.ToUpperInvariant()}", [contact], DepartmentStatus.Active), new QuotaVector(quota), actor);
            }
        }

        await CatalogDemoData.SeedAsync(catalog, actor, cancellationToken);
        await SeedSystemsAsync(actor);
        await DemoRateCard.SeedAsync(rateCards, clock.GetUtcNow(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One approved system per department so that a demo user can order at once; registering again changes nothing.</summary>
    private async Task SeedSystemsAsync(Actor actor)
    {
        var envelope = new SystemEnvelope(new QuotaVector(new Dictionary<string, long>
        {
            ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 1000, ["vms"] = 6, ["databases"] = 2,
        }), EnvelopePeriod.PerYear);
        foreach (var (code, zh, en, _, _) in Departments)
        {
            var system = grains.GetSystem(new SystemKey(code, "core"));
            if (await system.GetAsync() is not null)
            {
                continue;
            }

            var declarations = new SystemDeclarations(true, null, NetworkZone.Extranet, DataSharingScope.Department, [$"{code}-records"]);
            // Registered in the department's name and reviewed in the platform's: nobody reviews their own system.
            var department = new Actor($"demo:{code}", $"{en} (demo)", actor.CorrelationId);
            await system.RegisterAsync(new SystemRegistration($"{zh}业务系统", $"{en} core business system", 2, 2_000_000m, SystemCategory.BusinessApplication, declarations, null), department);
            await system.ReviewAsync(new SystemReview(true, envelope, null, "demo"), actor);
        }
    }
}
