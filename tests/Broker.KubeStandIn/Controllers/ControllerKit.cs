using System.Text.Json.Nodes;
using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// What the fake controllers share: reading the store, writing status through the status subresource, creating owned
/// objects and deleting, all through the same writer as API requests (so resourceVersions, managedFields and watches
/// see controller writes as they would on a cluster). Used under the store's gate.
/// </summary>
internal sealed class ControllerKit(ObjectStore store, ApiServer api, DueTimes due, IReadOnlyDictionary<ObjectKey, string> failures)
{
    public const string FailAnnotation = "standin.broker/fail";

    public DueTimes Due => due;

    public string Now => api.Writer.Now;

    public JsonObject? Get(ObjectKey key) => store.Get(key);

    public IEnumerable<KeyValuePair<ObjectKey, JsonObject>> All(string group, string plural) => store.Scan(group, plural, null).ToList();

    /// <summary>The failure asked for through <see cref="FakeControllers.Fail"/> or the fail annotation, if any.</summary>
    public string? FailureOf(ObjectKey key, JsonObject obj) =>
        failures.TryGetValue(key, out var message) ? message
        : Meta.Annotations(obj).TryGetValue(FailAnnotation, out var annotated) ? (annotated.Length == 0 ? "failed on demand" : annotated)
        : null;

    /// <summary>Replaces the object's status (a no-op when equal, as with any write).</summary>
    public void WriteStatus(ObjectKey key, JsonObject status, string manager)
    {
        // Checked before copying the object: an unchanged status is a no-op write anyway (no new resourceVersion, no
        // managedFields change), and the periodic resync meets mostly unchanged objects.
        if (store.Get(key) is not { } current || JsonNode.DeepEquals(current["status"], status))
        {
            return;
        }

        var type = TypeOf(key);
        var next = current.DeepClone().AsObject();
        next["status"] = status;
        api.Writer.Update(type, key, current, next, new Ownership(manager, (string?)current["apiVersion"] ?? type.ApiVersion, FieldScope.Status), dryRun: false);
    }

    /// <summary>Creates <paramref name="obj"/> unless it exists; answers the stored object, or null if the namespace refuses.</summary>
    public JsonObject? Ensure(ObjectKey key, JsonObject obj, string manager)
    {
        if (store.Get(key) is { } existing)
        {
            return existing;
        }

        var ns = store.Get(new ObjectKey(string.Empty, "namespaces", string.Empty, key.Namespace));
        if (ns is null || Meta.IsDeleting(ns))
        {
            return null;
        }

        var type = TypeOf(key);
        if (type.HasStatusSubresource)
        {
            obj.Remove("status");
        }

        return api.Writer.Create(type, key, obj, new Ownership(manager, type.ApiVersion, FieldScope.WholeObject), dryRun: false);
    }

    public void Delete(ObjectKey key)
    {
        if (store.Get(key) is { } current && !Meta.IsDeleting(current))
        {
            api.Deleter.Delete(TypeOf(key), key, current, orphan: false, dryRun: false);
        }
    }

    /// <summary>The ownerReference a controller puts on what it creates, so deleting the owner collects it.</summary>
    public static JsonArray OwnedBy(JsonObject owner) =>
    [
        new JsonObject
        {
            ["apiVersion"] = (string?)owner["apiVersion"],
            ["kind"] = (string?)owner["kind"],
            ["name"] = Meta.Name(owner),
            ["uid"] = Meta.Uid(owner),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        },
    ];

    /// <summary>A condition that keeps its lastTransitionTime while its status does not change.</summary>
    public JsonObject Condition(JsonObject? previousStatus, string type, bool status, string reason, string message)
    {
        var text = status ? "True" : "False";
        var previous = (previousStatus?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var since = previous is not null && (string?)previous["status"] == text ? (string?)previous["lastTransitionTime"] : Now;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["reason"] = reason,
            ["message"] = message,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
        };
    }

    private ResourceType TypeOf(ObjectKey key) =>
        api.Catalog.Find(key.Group, key.Plural) ?? throw new InvalidOperationException($"no resource type for {key}");
}
