namespace Broker.Bench.Chargeback;

/// <summary>
/// The prices the baselines rate with, and the rate card the broker is seeded with, so the three paths compute the same
/// bill: per vCPU-hour and GiB-hour of memory while running, per GiB-hour of storage always, times the SLA tier's
/// multiplier; each (resource, meter) line rounded half-up to the fen.
/// </summary>
public static class BenchPrices
{
    public const decimal VcpuHour = 0.035m;
    public const decimal MemoryGibHour = 0.005m;
    public const decimal StorageGibHour = 0.0004m;

    public static readonly string[] Tiers = ["bronze", "silver", "gold"];

    public static decimal Multiplier(string tier) => tier switch
    {
        "bronze" => 0.8m,
        "gold" => 1.5m,
        _ => 1.0m,
    };

    public static decimal Fen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
