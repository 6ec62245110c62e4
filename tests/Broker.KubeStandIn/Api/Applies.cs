using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>). Modelled: create when absent, merge of the applied
/// configuration, per-manager ownership in <c>managedFields</c>, removal of fields a manager stops applying (unless
/// another manager owns them too), conflicts with other managers over differing values (409 unless
/// <c>force=true</c>, which takes the fields over). Simplified: every list except <c>metadata.finalizers</c> is atomic
/// (no merge keys such as containers by name), and there is no schema-driven defaulting or type checking.
/// </summary>
internal sealed class Applies(ObjectStore store, ObjectWriter writer, Creates creates)
{
    public ApiResult Apply(ApiRequest request, ObjectKey key)
    {
        if (string.IsNullOrEmpty(request.Query.FieldManager))
        {
            throw Statuses.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", string.Empty,
                new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager"));
        }

        var applied = YamlJson.Parse(request.Body) as JsonObject ?? throw Statuses.BadRequest("the apply configuration must be an object");
        if (string.IsNullOrEmpty((string?)applied["apiVersion"]) || string.IsNullOrEmpty((string?)applied["kind"]))
        {
            throw Statuses.BadRequest("invalid object type: apiVersion and kind must be set in an apply configuration");
        }

        var metadata = Meta.Of(applied);
        metadata.Remove("managedFields");
        metadata["name"] ??= key.Name;
        Validation.CheckTypeMeta(request, applied, key.Name);
        Updates.CheckIdentity(request, applied, key);

        var scope = request.Subresource == "status" ? FieldScope.Status
            : request.Type.HasStatusSubresource ? FieldScope.MainResource
            : FieldScope.WholeObject;
        var fields = FieldSet.Of(applied, scope);
        var current = store.Get(key);
        if (current is null)
        {
            if (request.Subresource == "status")
            {
                throw Statuses.NotFound(request.Type, key.Name);
            }

            metadata.Remove("resourceVersion");
            var created = creates.Admit(request, applied, new Ownership(request.Manager, request.ApiVersion, scope, fields));
            return new ApiResult(201, created.DeepClone().AsObject());
        }

        Updates.CheckPrecondition(request, current, applied);
        var entries = ManagedFields.Read(current);
        var taken = Conflicts(request, current, applied, fields, entries);
        var next = current.DeepClone().AsObject();
        var mine = entries.FirstOrDefault(e => e.Manager == request.Manager && e.Operation == ManagerEntry.Apply && e.Subresource == Subresource(scope));
        var ownedByOthers = entries.Where(e => e != mine).Aggregate(FieldSet.Empty, (all, e) => all.Union(e.Fields)).Except(taken);
        foreach (var dropped in (mine?.Fields ?? FieldSet.Empty).Except(fields).Except(ownedByOthers).Paths)
        {
            FieldSet.Remove(next, dropped);
        }

        Merge(next, applied, [], scope);
        Validation.CheckObject(request.Type, next);
        var stored = writer.Update(request.Type, key, current, next,
            new Ownership(request.Manager, request.ApiVersion, scope, fields, taken), request.Query.DryRun);
        return new ApiResult(200, stored.DeepClone().AsObject());
    }

    private static FieldSet Conflicts(ApiRequest request, JsonObject current, JsonObject applied, FieldSet fields, List<ManagerEntry> entries)
    {
        var conflicts = new List<(string Manager, string Field)>();
        var conflicting = new List<IReadOnlyList<string>>();
        foreach (var path in fields.Paths)
        {
            if (!FieldSet.TryGet(current, path, out var live) || (FieldSet.TryGet(applied, path, out var wanted) && JsonNode.DeepEquals(live, wanted)))
            {
                continue;
            }

            foreach (var other in entries.Where(e => e.Manager != request.Manager && e.Fields.Contains(path)))
            {
                conflicts.Add((other.Manager, FieldSet.Display(path)));
                conflicting.Add(path);
            }
        }

        if (conflicts.Count == 0)
        {
            return FieldSet.Empty;
        }

        if (request.Query.Force != true)
        {
            throw Statuses.ApplyConflict(request.Type, Meta.Name(current), conflicts);
        }

        // Forcing takes over the conflicting fields only; fields applied with the same value stay shared.
        return FieldSet.From(conflicting);
    }

    private static void Merge(JsonObject target, JsonObject source, List<string> prefix, FieldScope scope)
    {
        foreach (var (key, value) in source)
        {
            var path = new List<string>(prefix) { "f:" + key };
            if (FieldSet.IsExcluded(path, scope))
            {
                continue;
            }

            if (value is JsonObject { Count: > 0 } child)
            {
                if (target[key] is not JsonObject existing)
                {
                    existing = [];
                    target[key] = existing;
                }

                Merge(existing, child, path, scope);
            }
            else if (value is JsonArray elements && FieldSet.IsSetList(path) && target[key] is JsonArray existingSet)
            {
                foreach (var element in elements.Where(e => !existingSet.Any(x => JsonNode.DeepEquals(x, e))))
                {
                    existingSet.Add(element?.DeepClone());
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static string? Subresource(FieldScope scope) => scope == FieldScope.Status ? "status" : null;
}
