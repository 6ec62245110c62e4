using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Patching;

/// <summary>
/// Maintains <c>metadata.managedFields</c>: which manager owns which leaf fields. Updates (create, PUT, non-apply
/// PATCH) give the updater the fields it changed and take them from everyone else, as Kubernetes does; applies record
/// exactly the applied fields. An entry's time moves only when its fields do, so a no-op write stays a no-op.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagerEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagerEntry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray list)
        {
            return entries;
        }

        foreach (var item in list.OfType<JsonObject>())
        {
            entries.Add(new ManagerEntry(
                (string?)item["manager"] ?? string.Empty,
                (string?)item["operation"] ?? ManagerEntry.Update,
                (string?)item["apiVersion"] ?? string.Empty,
                (string?)item["time"] ?? string.Empty,
                (string?)item["subresource"],
                FieldSet.FromFieldsV1(item["fieldsV1"])));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagerEntry> entries)
    {
        var list = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToFieldsV1(),
            };
            if (entry.Subresource is not null)
            {
                item["subresource"] = entry.Subresource;
            }

            list.Add(item);
        }

        var metadata = (JsonObject)obj["metadata"]!;
        if (list.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = list;
        }
    }

    /// <summary>Records a non-apply write of <paramref name="next"/> over <paramref name="current"/> (null on create).</summary>
    public static void RecordUpdate(JsonObject? current, JsonObject next, FieldScope scope, string manager, string apiVersion, string now)
    {
        var entries = current is null ? [] : Read(current);
        var changed = FieldSet.Changed(current, next, scope);
        var gone = current is null ? FieldSet.Empty : FieldSet.Of(current, scope).Except(FieldSet.Of(next, scope));
        var subresource = scope == FieldScope.Status ? "status" : null;
        var mine = new ManagerEntry(manager, ManagerEntry.Update, apiVersion, now, subresource, FieldSet.Empty);

        var result = new List<ManagerEntry>();
        var found = false;
        foreach (var entry in entries)
        {
            var isMine = entry.SameSlot(mine);
            found |= isMine;
            var fields = entry.Fields.Except(changed).Except(gone);
            if (isMine)
            {
                fields = fields.Union(changed);
            }

            result.Add(Touch(entry, fields, now));
        }

        if (!found)
        {
            result.Add(mine with { Fields = changed });
        }

        Write(next, result);
    }

    /// <summary>Records an apply by <paramref name="manager"/>; <paramref name="taken"/> are fields forced away from others.</summary>
    public static void RecordApply(JsonObject? current, JsonObject next, string manager, string apiVersion, FieldSet applied, FieldSet taken, string now)
    {
        var entries = current is null ? [] : Read(current);
        var mine = new ManagerEntry(manager, ManagerEntry.Apply, apiVersion, now, null, applied);
        var result = new List<ManagerEntry>();
        var found = false;
        foreach (var entry in entries)
        {
            if (entry.SameSlot(mine))
            {
                found = true;
                result.Add(Touch(entry, applied, now) with { ApiVersion = entry.Fields.SetEquals(applied) ? entry.ApiVersion : apiVersion });
                continue;
            }

            result.Add(Touch(entry, entry.Fields.Except(taken), now));
        }

        if (!found)
        {
            result.Add(mine);
        }

        Write(next, result);
    }

    private static ManagerEntry Touch(ManagerEntry entry, FieldSet fields, string now) =>
        entry.Fields.SetEquals(fields) ? entry : entry with { Fields = fields, Time = now };
}
