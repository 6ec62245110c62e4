using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// Deletion as Kubernetes does it, done synchronously: an object with finalizers only gets a deletionTimestamp and
/// goes when the last finalizer is removed; a Namespace turns Terminating, deletes its contents and goes once empty;
/// removing an object garbage-collects the objects whose every ownerReference pointed at removed owners
/// (background propagation; <c>Orphan</c> strips the references instead).
/// </summary>
internal sealed class Deleter(ObjectStore store, ResourceCatalog catalog, TimeProvider clock)
{
    /// <summary>Deletes <paramref name="current"/>; answers the object as the response shows it and whether it is gone.</summary>
    public (JsonObject Shown, bool Gone) Delete(ResourceType type, ObjectKey key, JsonObject current, bool orphan, bool dryRun)
    {
        if (type.Group.Length == 0 && type.Plural == "namespaces")
        {
            return DeleteNamespace(key, current, dryRun);
        }

        if (Meta.IsDeleting(current))
        {
            return (current, false);
        }

        if (Meta.Finalizers(current).Count > 0)
        {
            var marked = MarkDeleting(current);
            return dryRun ? (marked, false) : (store.Put(key, marked), false);
        }

        if (dryRun)
        {
            return (current, true);
        }

        return (Remove(key, orphan) ?? current, true);
    }

    /// <summary>Called after a write left a deleting object without finalizers.</summary>
    public void FinishDeletion(ResourceType type, ObjectKey key)
    {
        if (type.Group.Length == 0 && type.Plural == "namespaces")
        {
            FinishNamespace(key.Name);
        }
        else
        {
            Remove(key, orphan: false);
        }
    }

    private (JsonObject Shown, bool Gone) DeleteNamespace(ObjectKey key, JsonObject current, bool dryRun)
    {
        var terminating = current;
        if (!Meta.IsDeleting(current))
        {
            terminating = MarkDeleting(current);
            terminating["status"] = new JsonObject { ["phase"] = "Terminating" };
            if (dryRun)
            {
                return (terminating, false);
            }

            terminating = store.Put(key, terminating);
        }

        foreach (var (childKey, _) in store.InNamespace(key.Name))
        {
            if (store.Get(childKey) is { } child && !Meta.IsDeleting(child))
            {
                Delete(TypeOf(childKey), childKey, child, orphan: false, dryRun: false);
            }
        }

        FinishNamespace(key.Name);
        return (terminating, store.Get(key) is null);
    }

    // The namespace controller's last step: once the namespace is empty its own finalizers decide.
    private void FinishNamespace(string ns)
    {
        var key = new ObjectKey(string.Empty, "namespaces", string.Empty, ns);
        if (store.Get(key) is not { } namespaceObject || !Meta.IsDeleting(namespaceObject) || store.InNamespace(ns).Any())
        {
            return;
        }

        if (Meta.Finalizers(namespaceObject).Count == 0)
        {
            store.Remove(key);
            return;
        }

        if (namespaceObject["spec"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            var next = namespaceObject.DeepClone().AsObject();
            next["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
            store.Put(key, next);
        }
    }

    private JsonObject? Remove(ObjectKey key, bool orphan)
    {
        var removed = store.Remove(key);
        if (removed is null)
        {
            return null;
        }

        var uid = Meta.Uid(removed);
        if (orphan)
        {
            Orphan(uid);
        }
        else
        {
            CollectGarbage(uid);
        }

        if (key.Namespace.Length > 0)
        {
            FinishNamespace(key.Namespace);
        }

        return removed;
    }

    private void CollectGarbage(string ownerUid)
    {
        var live = store.All().Select(o => Meta.Uid(o.Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, dependent) in store.All())
        {
            var owners = Meta.OwnerUids(dependent);
            if (owners.Contains(ownerUid) && owners.All(o => !live.Contains(o)) && store.Get(key) is { } still && !Meta.IsDeleting(still))
            {
                Delete(TypeOf(key), key, still, orphan: false, dryRun: false);
            }
        }
    }

    private void Orphan(string ownerUid)
    {
        foreach (var (key, dependent) in store.All())
        {
            if (!Meta.OwnerUids(dependent).Contains(ownerUid))
            {
                continue;
            }

            var next = dependent.DeepClone().AsObject();
            var references = (JsonArray)next["metadata"]!["ownerReferences"]!;
            foreach (var reference in references.Where(r => Meta.Text(r?["uid"]) == ownerUid).ToList())
            {
                references.Remove(reference);
            }

            store.Put(key, next);
        }
    }

    private JsonObject MarkDeleting(JsonObject current)
    {
        var marked = current.DeepClone().AsObject();
        var metadata = Meta.Of(marked);
        metadata["deletionTimestamp"] = Timestamps.Format(clock.GetUtcNow());
        metadata["deletionGracePeriodSeconds"] = 0;
        metadata["generation"] = Meta.Generation(current) + 1;
        return marked;
    }

    private ResourceType TypeOf(ObjectKey key) =>
        catalog.Find(key.Group, key.Plural) ?? throw new InvalidOperationException($"no resource type for stored {key}");
}
