using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>DELETE of one object (with DeleteOptions preconditions) and of a collection.</summary>
internal sealed class Deletes(ObjectStore store, Deleter deleter, Reads reads)
{
    public ApiResult Delete(ApiRequest request, ObjectKey key)
    {
        var options = request.Body.Length == 0 ? [] : Bodies.Object(request.Body);
        var current = store.Get(key) ?? throw Statuses.NotFound(request.Type, key.Name);
        CheckPreconditions(request, current, options["preconditions"] as JsonObject);
        var policy = (string?)options["propagationPolicy"] ?? request.Query.PropagationPolicy;
        var dryRun = request.Query.DryRun || options["dryRun"] is JsonArray { Count: > 0 };
        var (shown, gone) = deleter.Delete(request.Type, key, current, policy == "Orphan", dryRun);

        // Built-in kinds answer a finished delete with a Status, custom resources with the deleted object.
        var body = gone && request.Type.BuiltIn && !(request.Type.Group.Length == 0 && request.Type.Plural == "namespaces")
            ? Statuses.Success(request.Type, key.Name, Meta.Uid(current))
            : shown.DeepClone().AsObject();
        return new ApiResult(200, body);
    }

    public ApiResult DeleteCollection(ApiRequest request)
    {
        var deleted = new JsonArray();
        foreach (var (key, _) in reads.Matching(request))
        {
            if (store.Get(key) is { } still)
            {
                var (shown, _) = deleter.Delete(request.Type, key, still, orphan: request.Query.PropagationPolicy == "Orphan", request.Query.DryRun);
                deleted.Add(shown.DeepClone());
            }
        }

        return new ApiResult(200, new JsonObject
        {
            ["kind"] = request.Type.Kind + "List",
            ["apiVersion"] = request.ApiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = deleted,
        });
    }

    private static void CheckPreconditions(ApiRequest request, JsonObject current, JsonObject? preconditions)
    {
        var name = Meta.Name(current);
        if ((string?)preconditions?["uid"] is { Length: > 0 } uid && uid != Meta.Uid(current))
        {
            throw Statuses.Conflict(request.Type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(current)}");
        }

        if ((string?)preconditions?["resourceVersion"] is { Length: > 0 } rv && rv != Meta.ResourceVersion(current))
        {
            throw Statuses.Conflict(request.Type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(current)}");
        }
    }
}
