using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Silo.Catalog;

namespace Broker.Api.Catalog;

/// <summary>
/// The demo catalog: three VM sizes and a single and an HA PostgreSQL, so that <c>./run.sh</c> has something to
/// order. Only missing plans are created; a plan an admin has changed since is left as it is.
/// </summary>
public static class CatalogDemoData
{
    private static readonly string[] Images = ["debian-12", "kylin-v10", "uos-20"];

    public static readonly IReadOnlyList<(string Code, PlanDraft Draft)> Plans =
    [
        ("vm-small", Vm("小型云主机", "Small VM", new VmSpec(2, 4, 50, Images), "bronze", "silver")),
        ("vm-medium", Vm("中型云主机", "Medium VM", new VmSpec(4, 16, 100, Images), "bronze", "silver", "gold")),
        ("vm-large", Vm("大型云主机", "Large VM", new VmSpec(16, 64, 200, Images), "bronze", "silver", "gold")),
        ("pg-single", Database("PostgreSQL 单实例", "PostgreSQL single instance", new DatabaseSpec("postgresql", "16", 2, 8, 100, 1, 7, 100), "bronze", "silver")),
        ("pg-ha", Database("PostgreSQL 高可用", "PostgreSQL high availability", new DatabaseSpec("postgresql", "16", 4, 16, 200, 3, 14, 200), "silver", "gold")),
    ];

    /// <summary>Creates the demo plans that do not exist yet; returns how many it created.</summary>
    public static async Task<int> SeedAsync(CatalogStore catalog, Actor actor, CancellationToken cancellationToken = default)
    {
        var created = 0;
        foreach (var (code, draft) in Plans)
        {
            if (await catalog.GetPlanAsync(code, cancellationToken: cancellationToken) is not null)
            {
                continue;
            }

            // A second broker seeding at the same moment gets a replay (or, had the content drifted, a conflict); both are fine.
            var result = await catalog.CreatePlanAsync(code, draft, actor, cancellationToken);
            created += result.Changed ? 1 : 0;
        }

        return created;
    }

    private static PlanDraft Vm(string zh, string en, VmSpec spec, params string[] tiers) =>
        new(OfferingKind.Vm, zh, en, tiers, PlanQuota.Derive(OfferingKind.Vm, spec, null), spec, null);

    private static PlanDraft Database(string zh, string en, DatabaseSpec spec, params string[] tiers) =>
        new(OfferingKind.Database, zh, en, tiers, PlanQuota.Derive(OfferingKind.Database, null, spec), null, spec);
}
