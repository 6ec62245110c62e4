using System.Collections.ObjectModel;

namespace Broker.Contracts.Quotas;

/// <summary>
/// Amounts per named dimension (<c>vcpu</c>, <c>memory_gib</c>, ...). Dimensions are data, not code, so a new
/// one needs only configuration. Treated as immutable: every operation returns a new vector.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.QuotaVector")]
[System.Text.Json.Serialization.JsonConverter(typeof(QuotaVectorJsonConverter))]
public sealed record QuotaVector
{
    public static readonly QuotaVector Empty = new(new Dictionary<string, long>());

    public QuotaVector(IEnumerable<KeyValuePair<string, long>> amounts)
    {
        var copy = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (dimension, amount) in amounts)
        {
            if (amount != 0)
            {
                copy[dimension] = amount;
            }
        }

        Amounts = new Dictionary<string, long>(copy, StringComparer.Ordinal);
    }

    /// <summary>Non-zero amounts, keyed by dimension, in ordinal order.</summary>
    [Id(0)]
    public Dictionary<string, long> Amounts { get; init; }

    public long this[string dimension] => Amounts.TryGetValue(dimension, out var amount) ? amount : 0;

    public IEnumerable<string> Dimensions => Amounts.Keys;

    public bool IsEmpty => Amounts.Count == 0;

    public QuotaVector Add(QuotaVector other) => Combine(other, static (a, b) => checked(a + b));

    public QuotaVector Subtract(QuotaVector other) => Combine(other, static (a, b) => checked(a - b));

    public ReadOnlyDictionary<string, long> AsReadOnly() => new(Amounts);

    public bool Equals(QuotaVector? other) =>
        other is not null && Amounts.Count == other.Amounts.Count
        && Amounts.All(pair => other.Amounts.TryGetValue(pair.Key, out var amount) && amount == pair.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (dimension, amount) in Amounts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.Add(dimension, StringComparer.Ordinal);
            hash.Add(amount);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", Amounts.Select(p => $"{p.Key}={p.Value}"));

    private QuotaVector Combine(QuotaVector other, Func<long, long, long> op)
    {
        var keys = Amounts.Keys.Union(other.Amounts.Keys, StringComparer.Ordinal);
        return new QuotaVector(keys.Select(k => KeyValuePair.Create(k, op(this[k], other[k]))));
    }
}
