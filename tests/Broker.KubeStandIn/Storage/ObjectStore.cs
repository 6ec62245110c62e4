using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Storage;

/// <summary>
/// The stand-in's etcd: objects by key, one global revision that every write bumps, and a bounded history of changes
/// for watches. Not thread-safe by itself: every caller holds the gate (<see cref="Hold"/>) for a whole request, which makes each
/// request atomic as a real API server's optimistic concurrency would. Stored objects are never mutated; writers
/// store fresh copies.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private readonly Dictionary<ObjectKey, JsonObject> objects = [];
    private readonly LinkedList<StoreEvent> history = new();

    private readonly object gate = new();
    private long heldTicks;

    /// <summary>
    /// How long the gate has been held in all, in <see cref="Stopwatch"/> ticks. Every request and controller pass runs
    /// under the gate, so the stand-in serves at most one second of gated work per second whatever the core count: the
    /// provisioning benchmark reads this to tell a phase bound by the gate from one bound by CPU.
    /// </summary>
    public long HeldTicks => Interlocked.Read(ref heldTicks);

    /// <summary>Takes the gate until the returned hold is disposed (<c>using (store.Hold()) { ... }</c>).</summary>
    public GateHold Hold()
    {
        Monitor.Enter(gate);
        return new GateHold(this, Stopwatch.GetTimestamp());
    }

    /// <summary>The revision of the last committed write (what lists report as <c>metadata.resourceVersion</c>).</summary>
    public long Revision { get; private set; }

    /// <summary>The oldest revision a watch can still resume from; older ones get 410 Expired.</summary>
    public long OldestResumable => history.First is { } first ? first.Value.Revision - 1 : Revision;

    /// <summary>Called (under the gate) after every committed change.</summary>
    public event Action<StoreEvent>? Committed;

    public JsonObject? Get(ObjectKey key) => objects.GetValueOrDefault(key);

    public IEnumerable<KeyValuePair<ObjectKey, JsonObject>> Scan(string group, string plural, string? ns) =>
        objects.Where(o => o.Key.Group == group && o.Key.Plural == plural && (ns is null || o.Key.Namespace == ns));

    public IEnumerable<KeyValuePair<ObjectKey, JsonObject>> InNamespace(string ns) =>
        objects.Where(o => o.Key.Namespace == ns).ToList();

    public IEnumerable<KeyValuePair<ObjectKey, JsonObject>> All() => objects.ToList();

    public IEnumerable<StoreEvent> EventsAfter(long revision) => history.Where(e => e.Revision > revision);

    /// <summary>Stores <paramref name="obj"/> at a new revision, written into its <c>metadata.resourceVersion</c>.</summary>
    public JsonObject Put(ObjectKey key, JsonObject obj)
    {
        var previous = objects.GetValueOrDefault(key);
        Revision++;

        // Round-trip through text so every stored value is held the same way and comparisons are by JSON value.
        obj = JsonNode.Parse(obj.ToJsonString())!.AsObject();
        ((JsonObject)obj["metadata"]!)["resourceVersion"] = Revision.ToString(CultureInfo.InvariantCulture);
        objects[key] = obj;
        Record(new StoreEvent(Revision, previous is null ? WatchEventType.Added : WatchEventType.Modified, key, obj, previous));
        return obj;
    }

    /// <summary>Removes the object; its DELETED event carries the deletion's revision, as real watches do.</summary>
    public JsonObject? Remove(ObjectKey key)
    {
        if (!objects.Remove(key, out var previous))
        {
            return null;
        }

        Revision++;
        var last = previous.DeepClone().AsObject();
        ((JsonObject)last["metadata"]!)["resourceVersion"] = Revision.ToString(CultureInfo.InvariantCulture);
        Record(new StoreEvent(Revision, WatchEventType.Deleted, key, last, previous));
        return last;
    }

    private void Record(StoreEvent change)
    {
        history.AddLast(change);
        while (history.Count > historyLimit)
        {
            history.RemoveFirst();
        }

        Committed?.Invoke(change);
    }

    /// <summary>The gate, held: disposing releases it and adds the time it was held to <see cref="HeldTicks"/>.</summary>
    public readonly struct GateHold(ObjectStore store, long since) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Add(ref store.heldTicks, Stopwatch.GetTimestamp() - since);
            Monitor.Exit(store.gate);
        }
    }
}
