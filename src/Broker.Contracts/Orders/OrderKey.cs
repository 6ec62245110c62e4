namespace Broker.Contracts.Orders;

/// <summary>
/// An order's identity and its grain's key: the department it belongs to and its id (the caller's idempotency key or
/// a generated one). Written as <c>department/id</c>; one type, so no caller formats or splits the key by hand.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.OrderKey")]
public readonly record struct OrderKey([property: Id(0)] string Department, [property: Id(1)] string Id)
{
    /// <summary>The grain key: <c>department/id</c>.</summary>
    public override string ToString() => $"{Department}/{Id}";

    /// <summary>Reads a key written by <see cref="ToString"/>; the id may itself hold no slash, the department none either.</summary>
    public static OrderKey Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < key.Length - 1
            ? new OrderKey(key[..slash], key[(slash + 1)..])
            : throw new FormatException($"'{key}' is not an order key (department/id).");
    }
}
