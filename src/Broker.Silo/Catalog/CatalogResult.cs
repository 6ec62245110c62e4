using Broker.Contracts.Common;

namespace Broker.Silo.Catalog;

/// <summary>
/// What a catalog write did: the object as it now is and whether anything was written (<see cref="Changed"/> is
/// false for a replay or an identical update), or the refusal.
/// </summary>
public sealed record CatalogResult<T>(T? Value, bool Changed, BrokerError? Error)
    where T : class
{
    public static CatalogResult<T> Done(T value, bool changed) => new(value, changed, null);

    public static CatalogResult<T> Refused(BrokerErrorKind kind, string code, string? field = null, string? detail = null) =>
        new(null, false, new BrokerError(kind, code, field, detail));
}
