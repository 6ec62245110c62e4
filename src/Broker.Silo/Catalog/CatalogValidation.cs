using System.Globalization;
using System.Text.RegularExpressions;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Silo.Quotas;

namespace Broker.Silo.Catalog;

/// <summary>
/// Content rules for plans and SLA tiers, as pure functions; each error names its JSON field (<c>vm.vcpu</c>,
/// <c>slaTiers[1]</c>, <c>perUnit.memory_gib</c>). Presence and parsing of fields is the API's job; this checks
/// a complete draft.
/// </summary>
public static partial class CatalogValidation
{
    public const int MaxText = FieldLimits.Name;

    /// <summary>Database engines plans may offer. Adding one is a code change here and in provisioning.</summary>
    public static readonly IReadOnlyList<string> SupportedEngines = ["postgresql"];

    /// <summary>Instance counts a database plan may have: 1 (single) or 3 (high availability, a quorum of three).</summary>
    public static readonly IReadOnlyList<int> SupportedInstances = [1, 3];

    public static bool IsPlanCode(string? code) => code is not null && PlanCode().IsMatch(code);

    /// <summary>Errors in <paramref name="draft"/>; <paramref name="knownTiers"/> are the SLA tier codes that exist.</summary>
    public static IReadOnlyList<BrokerError> Plan(PlanDraft draft, QuotaValidation quota, IReadOnlyCollection<string> knownTiers)
    {
        var errors = new List<BrokerError>();
        Text(errors, "nameZh", draft.NameZh);
        Text(errors, "nameEn", draft.NameEn);
        Tiers(errors, draft.SlaTiers, knownTiers);

        switch (draft.Kind)
        {
            case OfferingKind.Vm:
                Spec(errors, "vm", draft.Vm, Vm);
                Unexpected(errors, "database", draft.Database);
                break;
            case OfferingKind.Database:
                Spec(errors, "database", draft.Database, Database);
                Unexpected(errors, "vm", draft.Vm);
                break;
        }

        var vectorErrors = quota.Vector("perUnit", draft.PerUnit, isLimit: false);
        errors.AddRange(vectorErrors);
        if (vectorErrors.Count == 0 && errors.Count == 0)
        {
            // Only a valid spec gives a meaningful derivation to compare against.
            foreach (var (dimension, amount) in PlanQuota.Derive(draft.Kind, draft.Vm, draft.Database).Amounts)
            {
                if (draft.PerUnit[dimension] != amount)
                {
                    errors.Add(Error($"perUnit.{dimension}", "plan.per-unit-mismatch", amount.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<BrokerError> SlaTier(SlaTierDraft draft)
    {
        var errors = new List<BrokerError>();
        Text(errors, "nameZh", draft.NameZh);
        Text(errors, "nameEn", draft.NameEn);
        if (draft.AvailabilityPercent is <= 0 or >= 100 || Trimmed(draft.AvailabilityPercent).Scale > 3)
        {
            errors.Add(Error("availabilityPercent", "sla-tier.availability-invalid"));
        }

        Range(errors, "rpoMinutes", draft.RpoMinutes, 0, MinutesPerYear);
        Range(errors, "rtoMinutes", draft.RtoMinutes, 0, MinutesPerYear);
        if (draft.PriceMultiplier is <= 0 or > 100 || Trimmed(draft.PriceMultiplier).Scale > 4)
        {
            errors.Add(Error("priceMultiplier", "sla-tier.multiplier-invalid"));
        }

        return errors;
    }

    /// <summary>The same value without trailing zeros (99.950 becomes 99.95), so storage keeps what was meant.</summary>
    public static decimal Trimmed(decimal value) => value / 1.000000000000000000000000000000000m;

    private const int MinutesPerYear = 525_600;

    private static void Vm(List<BrokerError> errors, VmSpec vm)
    {
        Range(errors, "vm.vcpu", vm.Vcpu, 1, 256);
        Range(errors, "vm.memoryGib", vm.MemoryGib, 1, 4_096);
        Range(errors, "vm.systemDiskGib", vm.SystemDiskGib, 10, 16_384);
        if (vm.Images.Count == 0)
        {
            errors.Add(Error("vm.images", "plan.images-empty"));
        }
        else if (vm.Images.Count > FieldLimits.Entries)
        {
            errors.Add(Error("vm.images", "field.too-many", FieldLimits.Entries.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vm.Images.Count; i++)
        {
            var image = vm.Images[i];
            if (image is null || !Image().IsMatch(image))
            {
                errors.Add(Error($"vm.images[{i}]", "plan.image-invalid"));
            }
            else if (!seen.Add(image))
            {
                errors.Add(Error($"vm.images[{i}]", "plan.image-duplicate", image));
            }
        }
    }

    private static void Database(List<BrokerError> errors, DatabaseSpec database)
    {
        if (!SupportedEngines.Contains(database.Engine, StringComparer.Ordinal))
        {
            errors.Add(Error("database.engine", "plan.engine-unsupported", database.Engine));
        }

        if (!EngineVersion().IsMatch(database.EngineVersion))
        {
            errors.Add(Error("database.engineVersion", "plan.engine-version-invalid"));
        }

        Range(errors, "database.vcpu", database.Vcpu, 1, 128);
        Range(errors, "database.memoryGib", database.MemoryGib, 1, 2_048);
        Range(errors, "database.storageGib", database.StorageGib, 1, 65_536);
        if (!SupportedInstances.Contains(database.Instances))
        {
            errors.Add(Error("database.instances", "plan.instances-invalid"));
        }

        Range(errors, "database.backupRetentionDays", database.BackupRetentionDays, 1, 365);
        Range(errors, "database.connectionLimit", database.ConnectionLimit, 1, 100_000);
    }

    private static void Tiers(List<BrokerError> errors, IReadOnlyList<string> tiers, IReadOnlyCollection<string> knownTiers)
    {
        if (tiers.Count == 0)
        {
            errors.Add(Error("slaTiers", "plan.sla-tiers-empty"));
        }
        else if (tiers.Count > FieldLimits.Entries)
        {
            errors.Add(Error("slaTiers", "field.too-many", FieldLimits.Entries.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is not { } tier || !knownTiers.Contains(tier))
            {
                errors.Add(Error($"slaTiers[{i}]", "sla-tier.unknown", tiers[i]));
            }
            else if (!seen.Add(tier))
            {
                errors.Add(Error($"slaTiers[{i}]", "plan.sla-tier-duplicate", tier));
            }
        }
    }

    private static void Spec<T>(List<BrokerError> errors, string field, T? spec, Action<List<BrokerError>, T> check)
        where T : class
    {
        if (spec is null)
        {
            errors.Add(Error(field, "field.required"));
        }
        else
        {
            check(errors, spec);
        }
    }

    private static void Unexpected(List<BrokerError> errors, string field, object? spec)
    {
        if (spec is not null)
        {
            errors.Add(Error(field, "plan.spec-unexpected"));
        }
    }

    private static void Text(List<BrokerError> errors, string field, string value) =>
        TextRules.Check(errors, field, value, MaxText, TextShape.Line, required: true);

    private static void Range(List<BrokerError> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(Error(field, "catalog.out-of-range", $"{min}–{max}"));
        }
    }

    private static BrokerError Error(string field, string code, string? detail = null) =>
        new(BrokerErrorKind.Invalid, code, field, detail);

    // Same shape as department codes: DNS-label safe, so a plan code can name Kubernetes objects.
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,46}[a-z0-9])?\\z")]
    private static partial Regex PlanCode();

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?\\z")]
    private static partial Regex Image();

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,3})?\\z")]
    private static partial Regex EngineVersion();
}
