using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Systems;

/// <summary>
/// What each live order or resource holds against a system's envelope, by allocation id, with the running total.
/// Immutable; the total is kept as allocations come and go because every order check and every view reads it, and
/// summing a long-lived system's thousands of allocations each time would cost what storing them apart saved.
/// Stored one row per allocation in <c>broker.system_allocations</c>, never in the system's state JSON.
/// </summary>
public sealed class SystemAllocations : IReadOnlyDictionary<string, QuotaVector>
{
    public static readonly SystemAllocations None = new(ImmutableDictionary.Create<string, QuotaVector>(StringComparer.Ordinal), QuotaVector.Empty);

    private readonly ImmutableDictionary<string, QuotaVector> _items;

    private SystemAllocations(ImmutableDictionary<string, QuotaVector> items, QuotaVector total)
    {
        _items = items;
        Total = total;
    }

    /// <summary>The sum of every allocation's vector.</summary>
    public QuotaVector Total { get; }

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<QuotaVector> Values => _items.Values;

    public QuotaVector this[string key] => _items[key];

    public static SystemAllocations From(IEnumerable<KeyValuePair<string, QuotaVector>> allocations) =>
        allocations.Aggregate(None, (all, pair) => all.With(pair.Key, pair.Value));

    /// <summary>Adds an allocation whose id is not there yet (a duplicate id throws: decisions check first).</summary>
    public SystemAllocations With(string allocationId, QuotaVector vector) => new(_items.Add(allocationId, vector), Total.Add(vector));

    /// <summary>Removes an allocation; an unknown id changes nothing.</summary>
    public SystemAllocations Without(string allocationId) =>
        _items.TryGetValue(allocationId, out var vector) ? new(_items.Remove(allocationId), Total.Subtract(vector)) : this;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out QuotaVector value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, QuotaVector>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
