using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// The one place objects are committed: keeps the metadata the server owns (uid, creationTimestamp, generation,
/// resourceVersion, managedFields), applies kind defaults, skips no-op writes (no new resourceVersion, as etcd-backed
/// servers do), and finishes a deletion when the last finalizer goes.
/// </summary>
internal sealed class ObjectWriter(ObjectStore store, Defaulter defaulter, TimeProvider clock)
{
    private static readonly string[] ServerOwnedMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "name", "namespace"];

    /// <summary>Set once when the API is assembled (the deleter needs the writer, and the writer the deleter).</summary>
    public Deleter Deleter { get; set; } = null!;

    public string Now => Timestamps.Format(clock.GetUtcNow());

    /// <summary>Stores a new object; the caller has validated it and dropped what a create must not carry.</summary>
    public JsonObject Create(ResourceType type, ObjectKey key, JsonObject obj, Ownership ownership, bool dryRun)
    {
        var metadata = Meta.Of(obj);
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now;
        metadata["generation"] = 1;
        metadata.Remove("resourceVersion");
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("managedFields");
        defaulter.OnCreate(type, obj);
        Record(null, obj, ownership);
        return dryRun ? obj : store.Put(key, obj);
    }

    /// <summary>Commits <paramref name="next"/> over <paramref name="current"/>; answers the stored state.</summary>
    public JsonObject Update(ResourceType type, ObjectKey key, JsonObject current, JsonObject next, Ownership ownership, bool dryRun)
    {
        var metadata = Meta.Of(next);
        var currentMetadata = Meta.Of(current);
        foreach (var field in ServerOwnedMetadata)
        {
            if (currentMetadata[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
            else
            {
                metadata.Remove(field);
            }
        }

        metadata["resourceVersion"] = Meta.ResourceVersion(current);
        metadata["generation"] = Meta.Generation(current);
        metadata.Remove("managedFields");
        if (currentMetadata["managedFields"] is { } managed)
        {
            metadata["managedFields"] = managed.DeepClone();
        }

        RefuseNewFinalizersWhileDeleting(type, current, next);
        defaulter.OnUpdate(type, current, next);
        if (SpecChanged(type, current, next))
        {
            metadata["generation"] = Meta.Generation(current) + 1;
        }

        Record(current, next, ownership);
        if (JsonNode.DeepEquals(current, next))
        {
            return current;
        }

        if (dryRun)
        {
            return next;
        }

        var stored = store.Put(key, next);
        if (Meta.IsDeleting(stored) && Meta.Finalizers(stored).Count == 0)
        {
            Deleter.FinishDeletion(type, key);
        }

        return stored;
    }

    private void Record(JsonObject? current, JsonObject next, Ownership ownership)
    {
        if (ownership.Applied is null)
        {
            ManagedFields.RecordUpdate(current, next, ownership.Scope, ownership.Manager, ownership.ApiVersion, Now);
        }
        else
        {
            ManagedFields.RecordApply(current, next, ownership.Manager, ownership.ApiVersion, ownership.Applied, ownership.Taken ?? FieldSet.Empty, Now);
        }
    }

    private static void RefuseNewFinalizersWhileDeleting(ResourceType type, JsonObject current, JsonObject next)
    {
        if (!Meta.IsDeleting(current))
        {
            return;
        }

        var added = Meta.Finalizers(next).Except(Meta.Finalizers(current)).ToList();
        if (added.Count > 0)
        {
            var list = string.Join(", ", added.Select(f => $"\"{f}\""));
            throw Statuses.Invalid(type, Meta.Name(current), new StatusCause(
                "FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}", "metadata.finalizers"));
        }
    }

    // Generation counts changes of the desired state: anything but metadata, and but status where status is a subresource.
    private static bool SpecChanged(ResourceType type, JsonObject current, JsonObject next)
    {
        static JsonObject Desired(JsonObject obj, bool withoutStatus)
        {
            var copy = obj.DeepClone().AsObject();
            copy.Remove("metadata");
            if (withoutStatus)
            {
                copy.Remove("status");
            }

            return copy;
        }

        return !JsonNode.DeepEquals(Desired(current, type.HasStatusSubresource), Desired(next, type.HasStatusSubresource));
    }
}
