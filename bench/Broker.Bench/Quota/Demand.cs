using Broker.Contracts.Quotas;

namespace Broker.Bench.Quota;

/// <summary>
/// An amount in the three dimensions the benchmark uses. A plain struct so the SQL baselines and the client loop
/// allocate nothing for it; the broker turns it into a <see cref="QuotaVector"/> (zero vms drops out there).
/// </summary>
public readonly record struct Demand(long Vcpu, long MemoryGib, long Vms)
{
    /// <summary>A small request: vcpu 1-4, memory_gib 1-8, vms 0-1.</summary>
    public static Demand Random(Random random) => new(random.Next(1, 5), random.Next(1, 9), random.Next(0, 2));

    /// <summary>True when any dimension of <paramref name="inUse"/> is above this limit.</summary>
    public bool IsExceededBy(Demand inUse) => inUse.Vcpu > Vcpu || inUse.MemoryGib > MemoryGib || inUse.Vms > Vms;

    public QuotaVector ToVector() => new(new Dictionary<string, long>
    {
        ["vcpu"] = Vcpu,
        ["memory_gib"] = MemoryGib,
        ["vms"] = Vms,
    });

    public static Demand From(QuotaVector vector) => new(vector["vcpu"], vector["memory_gib"], vector["vms"]);
}
