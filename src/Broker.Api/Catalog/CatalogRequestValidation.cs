using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Silo.Catalog;
using Broker.Silo.Quotas;

namespace Broker.Api.Catalog;

/// <summary>
/// Turns catalog request bodies into drafts: every field present and parseable, else errors naming each field.
/// The content rules (ranges, tiers that exist, the per-unit quota) are <see cref="CatalogValidation"/>'s, applied
/// once the shape is right.
/// </summary>
public static class CatalogRequestValidation
{
    /// <param name="currentKind">The existing plan's kind on an update (a missing kind means this one); null on create.</param>
    public static List<(string Field, string Code, object?[] Args)> Plan(
        PlanRequest request, OfferingKind? currentKind, QuotaValidation quota, out PlanDraft? draft)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var kind = Kind(errors, request.Kind, currentKind);
        Required(errors, "nameZh", request.NameZh);
        Required(errors, "nameEn", request.NameEn);
        var tiers = Strings(errors, "slaTiers", request.SlaTiers);

        var vm = kind == OfferingKind.Vm ? Vm(errors, request.Vm) : null;
        var database = kind == OfferingKind.Database ? Database(errors, request.Database) : null;
        if (kind == OfferingKind.Vm && request.Database is not null)
        {
            errors.Add(("database", "plan.spec-unexpected", []));
        }

        if (kind == OfferingKind.Database && request.Vm is not null)
        {
            errors.Add(("vm", "plan.spec-unexpected", []));
        }

        if (request.PerUnit is not null)
        {
            // Checked here on the raw amounts: a vector drops zeros, and a declared zero deserves its own error.
            errors.AddRange(quota.Vector("perUnit", request.PerUnit, isLimit: false).Select(Tuple));
        }

        draft = null;
        if (errors.Count == 0)
        {
            var perUnit = request.PerUnit is null ? PlanQuota.Derive(kind!.Value, vm, database) : new QuotaVector(request.PerUnit);
            draft = new PlanDraft(kind!.Value, request.NameZh!.Trim(), request.NameEn!.Trim(), tiers!, perUnit, vm, database);
        }

        return errors;
    }

    public static List<(string Field, string Code, object?[] Args)> SlaTier(SlaTierRequest request, out SlaTierDraft? draft)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        Required(errors, "nameZh", request.NameZh);
        Required(errors, "nameEn", request.NameEn);
        Required(errors, "availabilityPercent", request.AvailabilityPercent);
        ServiceHours hours = default;
        if (request.ServiceHours is null)
        {
            errors.Add(("serviceHours", "field.required", []));
        }
        else if (!CatalogText.TryHours(request.ServiceHours, out hours))
        {
            errors.Add(("serviceHours", "sla-tier.service-hours-invalid", []));
        }

        Required(errors, "rpoMinutes", request.RpoMinutes);
        Required(errors, "rtoMinutes", request.RtoMinutes);
        Required(errors, "priceMultiplier", request.PriceMultiplier);
        draft = errors.Count == 0
            ? new SlaTierDraft(request.NameZh!.Trim(), request.NameEn!.Trim(), request.AvailabilityPercent!.Value, hours,
                request.RpoMinutes!.Value, request.RtoMinutes!.Value, request.PriceMultiplier!.Value)
            : null;
        return errors;
    }

    public static (string Field, string Code, object?[] Args) Tuple(BrokerError error) => (error.Field ?? "body", error.Code, [error.Detail]);

    private static OfferingKind? Kind(List<(string, string, object?[])> errors, string? text, OfferingKind? currentKind)
    {
        if (text is null)
        {
            if (currentKind is null)
            {
                errors.Add(("kind", "field.required", []));
            }

            return currentKind;
        }

        if (!CatalogText.TryKind(text, out var kind))
        {
            errors.Add(("kind", "plan.kind-invalid", []));
            return null;
        }

        if (currentKind is not null && kind != currentKind)
        {
            errors.Add(("kind", "plan.kind-immutable", [CatalogText.Kind(currentKind.Value)]));
            return null;
        }

        return kind;
    }

    private static VmSpec? Vm(List<(string, string, object?[])> errors, VmSpecRequest? vm)
    {
        if (vm is null)
        {
            errors.Add(("vm", "field.required", []));
            return null;
        }

        var before = errors.Count;
        Required(errors, "vm.vcpu", vm.Vcpu);
        Required(errors, "vm.memoryGib", vm.MemoryGib);
        Required(errors, "vm.systemDiskGib", vm.SystemDiskGib);
        var images = Strings(errors, "vm.images", vm.Images);
        return errors.Count == before ? new VmSpec(vm.Vcpu!.Value, vm.MemoryGib!.Value, vm.SystemDiskGib!.Value, images!) : null;
    }

    private static DatabaseSpec? Database(List<(string, string, object?[])> errors, DatabaseSpecRequest? database)
    {
        if (database is null)
        {
            errors.Add(("database", "field.required", []));
            return null;
        }

        var before = errors.Count;
        Required(errors, "database.engine", database.Engine);
        Required(errors, "database.engineVersion", database.EngineVersion);
        Required(errors, "database.vcpu", database.Vcpu);
        Required(errors, "database.memoryGib", database.MemoryGib);
        Required(errors, "database.storageGib", database.StorageGib);
        Required(errors, "database.instances", database.Instances);
        Required(errors, "database.backupRetentionDays", database.BackupRetentionDays);
        Required(errors, "database.connectionLimit", database.ConnectionLimit);
        return errors.Count == before
            ? new DatabaseSpec(database.Engine!.Trim(), database.EngineVersion!.Trim(), database.Vcpu!.Value, database.MemoryGib!.Value,
                database.StorageGib!.Value, database.Instances!.Value, database.BackupRetentionDays!.Value, database.ConnectionLimit!.Value)
            : null;
    }

    private static List<string>? Strings(List<(string, string, object?[])> errors, string field, List<string>? values)
    {
        if (values is null)
        {
            errors.Add((field, "field.required", []));
            return null;
        }

        var before = errors.Count;
        for (var i = 0; i < values.Count; i++)
        {
            Required(errors, $"{field}[{i}]", values[i]);
        }

        return errors.Count == before ? values.Select(v => v.Trim()).ToList() : null;
    }

    private static void Required(List<(string, string, object?[])> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, "field.required", []));
        }
    }

    private static void Required<T>(List<(string, string, object?[])> errors, string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            errors.Add((field, "field.required", []));
        }
    }
}
