using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// When each watched object's current desired state (its generation) becomes due: the controller delay after the
/// write that created it or changed its spec. Fed by the store's commits, so the delay counts from the write itself,
/// not from the next controller run.
/// </summary>
internal sealed class DueTimes(TimeProvider clock, TimeSpan delay, IReadOnlySet<(string Group, string Plural)> watched)
{
    private readonly Dictionary<ObjectKey, (string Uid, long Generation, DateTimeOffset Due)> due = [];

    // When an object not yet due must be looked at again: the background controllers reconcile only what changed,
    // so without this a VM written with a delay would wait for the next full resync to become ready.
    private readonly PriorityQueue<ObjectKey, DateTimeOffset> wakeups = new();

    public void Observe(StoreEvent change)
    {
        if (!watched.Contains((change.Key.Group, change.Key.Plural)))
        {
            return;
        }

        if (change.Type == WatchEventType.Deleted)
        {
            due.Remove(change.Key);
            return;
        }

        var uid = Meta.Uid(change.Object);
        var generation = Meta.Generation(change.Object);
        if (!due.TryGetValue(change.Key, out var known) || known.Uid != uid || known.Generation != generation)
        {
            var at = clock.GetUtcNow() + delay;
            due[change.Key] = (uid, generation, at);
            if (delay > TimeSpan.Zero)
            {
                wakeups.Enqueue(change.Key, at);
            }
        }
    }

    /// <summary>Makes an object due when another one is (a DataVolume the VM controller made for a VM).</summary>
    public void Align(ObjectKey key, ObjectKey with)
    {
        if (due.TryGetValue(key, out var mine) && due.TryGetValue(with, out var theirs))
        {
            due[key] = mine with { Due = theirs.Due };
            wakeups.Enqueue(key, theirs.Due);
        }
    }

    /// <summary>Takes the objects whose due time has come since the last call (a key may come more than once).</summary>
    public void TakeWoken(ICollection<ObjectKey> into)
    {
        var now = clock.GetUtcNow();
        while (wakeups.TryPeek(out var key, out var at) && at <= now)
        {
            wakeups.Dequeue();
            into.Add(key);
        }
    }

    public bool IsDue(ObjectKey key) => !due.TryGetValue(key, out var entry) || clock.GetUtcNow() >= entry.Due;
}
