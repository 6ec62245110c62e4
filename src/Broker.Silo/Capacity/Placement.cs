using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>
/// The outcome of placing the units of one request: a pool per resource id, or why not (no pool for the backend at
/// all, none serving the zone, or none with room, with the shortfall of the pool that came closest).
/// </summary>
public sealed record Placement(
    IReadOnlyDictionary<string, string>? Pools,
    bool Unmanaged,
    bool NoPoolServesZone,
    bool NeverFits,
    string? ClosestPool,
    IReadOnlyList<Shortfall> Shortfalls)
{
    public bool Placed => Pools is not null;
}
