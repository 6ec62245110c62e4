namespace Broker.Silo.Chargeback;

/// <summary>
/// What a department's system would have cost built on dedicated hardware. The figures are assumptions finance sets,
/// so they are configuration; the defaults are round numbers of the order a separate build pays per unit (server,
/// rack share, network and security gear, a database licence per database).
/// </summary>
public sealed class SavingsOptions
{
    /// <summary>
    /// Investment in CNY per unit of dedicated capacity, by quota dimension (vcpu, memory_gib, storage_gib, vms,
    /// databases, or any configured dimension). A dimension not listed costs nothing.
    /// </summary>
    public Dictionary<string, decimal> DedicatedUnitCost { get; set; } = new(StringComparer.Ordinal)
    {
        ["vcpu"] = 2_500m,
        ["memory_gib"] = 250m,
        ["storage_gib"] = 10m,
        ["databases"] = 30_000m,
    };

    /// <summary>Years over which dedicated hardware is written off; a period carries months / (12 × years) of it.</summary>
    public int HardwareLifeYears { get; set; } = 5;

    /// <summary>The O&amp;M tier assumed for usage whose system is not registered (3 has the lowest rate).</summary>
    public int UnregisteredSystemTier { get; set; } = 3;
}
