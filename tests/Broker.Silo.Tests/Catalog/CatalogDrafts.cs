using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Silo.Catalog;
using Broker.Silo.Quotas;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Tests.Catalog;

/// <summary>Valid plan and tier drafts to start tests from, and the standard quota dimensions.</summary>
public static class CatalogDrafts
{
    public static readonly string[] Tiers = ["bronze", "silver", "gold"];

    public static readonly Actor Admin = new("admin@platform", "Platform Admin", "corr-catalog");

    public static QuotaValidation Quota(params string[] extraDimensions) => new(Options.Create(new QuotaOptions
    {
        Dimensions = [.. QuotaOptions.RequiredDimensions.Concat(extraDimensions).Select(d => new QuotaDimension { Name = d, Unit = "unit", NameZh = d, NameEn = d })],
    }));

    public static PlanDraft Vm(string nameEn = "Small VM", VmSpec? spec = null, QuotaVector? perUnit = null, params string[] tiers)
    {
        spec ??= new VmSpec(2, 4, 50, ["debian-12", "kylin-v10"]);
        return new PlanDraft(OfferingKind.Vm, "小型云主机", nameEn, tiers.Length == 0 ? ["bronze", "silver"] : tiers,
            perUnit ?? PlanQuota.Derive(OfferingKind.Vm, spec, null), spec, null);
    }

    public static PlanDraft Database(DatabaseSpec? spec = null, QuotaVector? perUnit = null)
    {
        spec ??= new DatabaseSpec("postgresql", "16", 4, 16, 200, 3, 14, 200);
        return new PlanDraft(OfferingKind.Database, "高可用数据库", "HA database", ["silver", "gold"],
            perUnit ?? PlanQuota.Derive(OfferingKind.Database, null, spec), null, spec);
    }

    public static SlaTierDraft Tier(decimal availability = 99.9m, decimal multiplier = 1.2m, int rpo = 60, int rto = 120) =>
        new("银牌", "Silver", availability, ServiceHours.AroundTheClock, rpo, rto, multiplier);

    public static QuotaVector V(params (string Dimension, long Amount)[] amounts) =>
        new(amounts.Select(a => KeyValuePair.Create(a.Dimension, a.Amount)));

    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..24];
}
