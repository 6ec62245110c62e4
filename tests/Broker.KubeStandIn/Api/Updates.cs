using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>PUT and the non-apply PATCH types, on the main resource and on <c>/status</c>.</summary>
internal sealed class Updates(ObjectStore store, ObjectWriter writer)
{
    public ApiResult Replace(ApiRequest request, ObjectKey key)
    {
        var body = Bodies.Object(request.Body);
        Validation.CheckTypeMeta(request, body, key.Name);
        CheckIdentity(request, body, key);
        var current = store.Get(key) ?? throw Statuses.NotFound(request.Type, key.Name);
        CheckPrecondition(request, current, body);
        return Commit(request, key, current, body);
    }

    public ApiResult Patch(ApiRequest request, ObjectKey key)
    {
        if (request.Query.Force is not null)
        {
            throw Statuses.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", string.Empty,
                new StatusCause("FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force"));
        }

        var current = store.Get(key) ?? throw Statuses.NotFound(request.Type, key.Name);
        var patch = Bodies.Node(request.Body);
        var patched = request.ContentType switch
        {
            // Strategic merge patch is treated as a merge patch: see MergePatch for what that leaves out.
            "application/merge-patch+json" or "application/strategic-merge-patch+json" =>
                MergePatch.Apply(current, patch) as JsonObject ?? throw Statuses.BadRequest("the patch must be a JSON object"),
            "application/json-patch+json" => JsonPatch.Apply(current, patch),
            _ => throw Statuses.UnsupportedMediaType(request.ContentType ?? string.Empty),
        };

        CheckIdentity(request, patched, key);
        Validation.CheckTypeMeta(request, patched, key.Name);
        CheckPrecondition(request, current, patched);
        return Commit(request, key, current, patched);
    }

    /// <summary>Writes the main resource or, for <c>/status</c>, only the status of <paramref name="submitted"/>.</summary>
    public ApiResult Commit(ApiRequest request, ObjectKey key, JsonObject current, JsonObject submitted)
    {
        var type = request.Type;
        JsonObject next;
        FieldScope scope;
        if (request.Subresource == "status")
        {
            next = current.DeepClone().AsObject();
            SetOrRemove(next, "status", submitted["status"]);
            scope = FieldScope.Status;
        }
        else if (type.HasStatusSubresource)
        {
            next = submitted.DeepClone().AsObject();
            SetOrRemove(next, "status", current["status"]);
            scope = FieldScope.MainResource;
        }
        else
        {
            next = submitted.DeepClone().AsObject();
            scope = FieldScope.WholeObject;
        }

        Validation.CheckObject(type, next);
        var stored = writer.Update(type, key, current, next, new Ownership(request.Manager, request.ApiVersion, scope), request.Query.DryRun);
        return new ApiResult(200, stored.DeepClone().AsObject());
    }

    /// <summary>The object must name the URL's object; a missing namespace is taken from the URL.</summary>
    public static void CheckIdentity(ApiRequest request, JsonObject obj, ObjectKey key)
    {
        var name = Meta.Name(obj);
        if (name != key.Name)
        {
            throw Statuses.BadRequest($"the name of the object ({name}) does not match the name on the URL ({key.Name})");
        }

        var ns = Meta.Namespace(obj);
        if (request.Type.Namespaced && !string.IsNullOrEmpty(ns) && ns != key.Namespace)
        {
            throw Statuses.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>A resourceVersion in what the client sent is a precondition: stale means 409 Conflict.</summary>
    public static void CheckPrecondition(ApiRequest request, JsonObject current, JsonObject submitted)
    {
        var expected = Meta.ResourceVersion(submitted);
        if (!string.IsNullOrEmpty(expected) && expected != Meta.ResourceVersion(current))
        {
            throw Statuses.Conflict(request.Type, Meta.Name(current));
        }
    }

    private static void SetOrRemove(JsonObject obj, string field, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(field);
        }
        else
        {
            obj[field] = value.DeepClone();
        }
    }
}
