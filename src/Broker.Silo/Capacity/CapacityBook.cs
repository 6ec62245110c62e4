using Broker.Contracts.Capacity;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Silo.Capacity;

/// <summary>
/// The room's books in memory: pools, holds per resource and the queue, with the decisions over them. No I/O; the
/// capacity grain persists what changes (<see cref="TakeChanges"/>) before it answers. A provisional hold
/// (<see cref="PutProvisional"/>) counts like any other but is never among the changes: its row is the placing order's
/// to commit, with the order. It stays provisional until confirmed, discarded, or replaced by a real change.
/// </summary>
public sealed class CapacityBook
{
    private readonly Dictionary<string, CapacityHold> _holds = new(StringComparer.Ordinal);
    private readonly List<QueuedOrder> _queue = [];
    private readonly Dictionary<string, CapacityHold?> _changedHolds = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderKey, QueuedOrder?> _changedQueue = [];
    private readonly HashSet<string> _touchedPools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _provisional = new(StringComparer.Ordinal);

    public IReadOnlyList<PoolDefinition> Pools { get; private set; } = [];

    public IReadOnlyCollection<CapacityHold> Holds => _holds.Values;

    /// <summary>Oldest first; ties by order key so the order is the same after a reload.</summary>
    public IReadOnlyList<QueuedOrder> Queue => _queue;

    public void SetPools(IReadOnlyList<PoolDefinition> pools)
    {
        Pools = pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        _touchedPools.UnionWith(Pools.Select(p => p.Name));
    }

    public void Load(IEnumerable<CapacityHold> holds, IEnumerable<QueuedOrder> queue)
    {
        foreach (var hold in holds)
        {
            _holds[hold.ResourceId] = hold;
        }

        _queue.AddRange(queue);
        SortQueue();
    }

    public CapacityHold? Hold(string resourceId) => _holds.GetValueOrDefault(resourceId);

    public QueuedOrder? Queued(OrderKey key) => _queue.FirstOrDefault(q => q.Key == key);

    public bool Manages(string backend) => Pools.Any(p => p.Backend == backend);

    public PoolDefinition? Pool(string name) => Pools.FirstOrDefault(p => p.Name == name);

    public IReadOnlyList<PoolFigures> Figures() => Pools.Select(Figures).ToList();

    public PoolFigures Figures(PoolDefinition pool)
    {
        var allocated = QuotaVector.Empty;
        var reserved = QuotaVector.Empty;
        foreach (var hold in _holds.Values.Where(h => h.Pool == pool.Name))
        {
            if (hold.Allocated)
            {
                allocated = allocated.Add(hold.Vector);
            }
            else
            {
                reserved = reserved.Add(hold.Vector);
            }
        }

        return pool.Figures(allocated, reserved);
    }

    /// <summary>
    /// Places each unit in turn where it leaves the most headroom (so a large order may spread over pools), against
    /// figures that include the units already placed. All or nothing.
    /// </summary>
    public Placement Place(string zone, string backend, QuotaVector perUnit, IReadOnlyList<string> ids)
    {
        var candidates = Pools.Where(p => p.Backend == backend).ToList();
        if (candidates.Count == 0)
        {
            return new Placement(null, Unmanaged: true, false, false, null, []);
        }

        var serving = candidates.Where(p => p.Zones.Contains(zone, StringComparer.Ordinal)).ToList();
        if (serving.Count == 0)
        {
            return new Placement(null, false, NoPoolServesZone: true, false, null, []);
        }

        var figures = serving.Select(Figures).ToList();
        if (Spread(figures, zone, perUnit, ids) is { } placed)
        {
            return new Placement(placed, false, false, false, null, []);
        }

        // Would it fit an empty room? If not, waiting can never help.
        var empty = serving.Select(p => p.Figures(QuotaVector.Empty, QuotaVector.Empty)).ToList();
        var never = Spread(empty, zone, perUnit, ids) is null;
        var total = ids.Aggregate(QuotaVector.Empty, (sum, _) => sum.Add(perUnit));
        var closest = figures
            .Select(f => (Pool: f, Short: ShortOf(f, total)))
            .OrderBy(p => p.Short.Sum(s => (double)s.Missing / Math.Max(1, p.Pool.Allocatable[s.Dimension])))
            .ThenBy(p => p.Pool.Pool, StringComparer.Ordinal)
            .First();
        return new Placement(null, false, false, never, closest.Pool.Pool, closest.Short);
    }

    /// <summary>Can the pool take <paramref name="extra"/> on top of what it has; the shortfall if not.</summary>
    public IReadOnlyList<Shortfall> ShortfallFor(string pool, QuotaVector extra) =>
        Pool(pool) is { } definition ? ShortOf(Figures(definition), extra) : [];

    public bool IsProvisional(string resourceId) => _provisional.ContainsKey(resourceId);

    /// <summary>Provisional holds placed before <paramref name="cutoff"/>: their order should long have committed or refused.</summary>
    public IReadOnlyList<string> ProvisionalBefore(DateTimeOffset cutoff) =>
        _provisional.Where(p => p.Value < cutoff).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Counts <paramref name="hold"/> without recording it as a change: its row is committed by someone else, or never.</summary>
    public void PutProvisional(CapacityHold hold, DateTimeOffset now)
    {
        _holds[hold.ResourceId] = hold;
        _provisional[hold.ResourceId] = now;
    }

    /// <summary>
    /// The row of <paramref name="hold"/> is committed: it is an ordinary hold from now on. Counted again if it was
    /// dropped meanwhile; nothing to write either way.
    /// </summary>
    public void Confirm(CapacityHold hold)
    {
        _provisional.Remove(hold.ResourceId);
        _holds.TryAdd(hold.ResourceId, hold);
    }

    /// <summary>Forgets a provisional hold whose row was never committed; an ordinary hold is left alone.</summary>
    public bool Discard(string resourceId) => _provisional.Remove(resourceId) && _holds.Remove(resourceId);

    public void Put(CapacityHold hold)
    {
        // Any other change of a hold comes from its resource, which exists only once the order (and the row) committed.
        _provisional.Remove(hold.ResourceId);
        if (_holds.TryGetValue(hold.ResourceId, out var existing) && existing == hold)
        {
            return;
        }

        _holds[hold.ResourceId] = hold;
        _changedHolds[hold.ResourceId] = hold;
        _touchedPools.Add(hold.Pool);
        if (existing is not null)
        {
            _touchedPools.Add(existing.Pool);
        }
    }

    public bool Remove(string resourceId)
    {
        _provisional.Remove(resourceId);
        if (!_holds.Remove(resourceId, out var existing))
        {
            return false;
        }

        _changedHolds[resourceId] = null;
        _touchedPools.Add(existing.Pool);
        return true;
    }

    public void Enqueue(QueuedOrder order)
    {
        _queue.Add(order);
        SortQueue();
        _changedQueue[order.Key] = order;
    }

    public bool Dequeue(OrderKey key)
    {
        if (_queue.RemoveAll(q => q.Key == key) == 0)
        {
            return false;
        }

        _changedQueue[key] = null;
        return true;
    }

    /// <summary>Built resources are allocated at their current size; deleted or failed ones give their hold back.</summary>
    public void Square(DateTimeOffset now, ResourceCapacity r)
    {
        var existing = Hold(r.ResourceId);
        switch (r.State)
        {
            case ResourceState.Deleted or ResourceState.Failed:
                Remove(r.ResourceId);
                break;
            case ResourceState.Ready or ResourceState.Stopped:
                Put(new CapacityHold(r.ResourceId, r.Pool, r.Department, r.OrderId, r.Vector, true, existing?.CreatedAt ?? now,
                    existing is { Allocated: true } && existing.Vector == r.Vector ? existing.UpdatedAt : now));
                break;
            default:
                // Not built yet, resizing or being deleted: what it holds stands. Missing only if squared from the
                // resources after a lost hold; the resource exists, so it is counted.
                if (existing is null && r.State != ResourceState.Deleting)
                {
                    Put(new CapacityHold(r.ResourceId, r.Pool, r.Department, r.OrderId, r.Vector, false, now, now));
                }

                break;
        }
    }

    /// <summary>Admits queued orders that fit now, oldest first (a large old order does not block smaller ones behind it).</summary>
    public IReadOnlyList<QueuedOrder> AdmitQueued(DateTimeOffset now)
    {
        var admitted = new List<QueuedOrder>();
        foreach (var order in _queue.ToList())
        {
            var placement = Place(order.Zone, order.Backend, order.PerUnit, order.ResourceIds);
            if (placement.Placed || placement.Unmanaged)
            {
                foreach (var (id, pool) in placement.Pools ?? new Dictionary<string, string>())
                {
                    Put(new CapacityHold(id, pool, order.Department, order.OrderId, order.PerUnit, false, now, now));
                }

                Dequeue(order.Key);
                admitted.Add(order);
            }
        }

        return admitted;
    }

    public CapacityChanges TakeChanges()
    {
        var changes = new CapacityChanges(
            _changedHolds.Where(c => c.Value is not null).Select(c => c.Value!).ToList(),
            _changedHolds.Where(c => c.Value is null).Select(c => c.Key).ToList(),
            _changedQueue.Where(c => c.Value is not null).Select(c => c.Value!).ToList(),
            _changedQueue.Where(c => c.Value is null).Select(c => c.Key.ToString()).ToList(),
            Pools.Where(p => _touchedPools.Contains(p.Name)).Select(Figures).ToList());
        _changedHolds.Clear();
        _changedQueue.Clear();
        _touchedPools.Clear();
        return changes;
    }

    public CapacitySnapshot Snapshot(DateTimeOffset now) => new(
        Pools.Select(p =>
        {
            var f = Figures(p);
            return new CapacityPoolView(p.Name, p.Zones, p.Backend, p.Source, p.Physical, p.Overcommit, p.Allocatable, f.Allocated, f.Reserved, p.Dimensions.Order(StringComparer.Ordinal).ToList());
        }).ToList(),
        _queue.Select(q => q.ToView()).ToList(),
        now);

    private static Dictionary<string, string>? Spread(List<PoolFigures> figures, string zone, QuotaVector perUnit, IReadOnlyList<string> ids)
    {
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var pool = CapacityMath.Place(figures, zone, perUnit);
            if (pool is null)
            {
                return null;
            }

            placed[id] = pool;
            var index = figures.FindIndex(f => f.Pool == pool);
            figures[index] = figures[index] with { Reserved = figures[index].Reserved.Add(perUnit) };
        }

        return placed;
    }

    private static List<Shortfall> ShortOf(PoolFigures pool, QuotaVector request) =>
        request.Amounts.Where(r => pool.Limits(r.Key) && r.Value > pool.Free(r.Key))
            .Select(r => new Shortfall(r.Key, r.Value, pool.Free(r.Key), r.Value - pool.Free(r.Key)))
            .ToList();

    private void SortQueue() =>
        _queue.Sort((a, b) => a.QueuedAt != b.QueuedAt ? a.QueuedAt.CompareTo(b.QueuedAt) : string.CompareOrdinal(a.Key.ToString(), b.Key.ToString()));
}
