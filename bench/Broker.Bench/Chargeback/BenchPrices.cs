namespace Broker.Bench.Chargeback;

/// <summary>
/// The prices the baselines rate with, and the rate card the broker is seeded with, so the three paths compute the same
/// bill: per vCPU-hour and GiB-hour of memory while running, per GiB-month of storage always (prorated by the hours held
/// over the hours in the month, as the rate card prices it), times the SLA tier's multiplier; each (resource, meter)
/// line rounded half-up to the fen.
/// </summary>
public static class BenchPrices
{
    public const decimal VcpuHour = 0.035m;
    public const decimal MemoryGibHour = 0.005m;

    /// <summary>0.0004 per GiB-hour over June's 720 hours: the price the baselines used per hour before rate cards existed.</summary>
    public const decimal StorageGibMonth = 0.288m;

    public static readonly string[] Tiers = ["bronze", "silver", "gold"];

    public static decimal Multiplier(string tier) => tier switch
    {
        "bronze" => 0.8m,
        "gold" => 1.5m,
        _ => 1.0m,
    };

    public static IReadOnlyDictionary<string, decimal> Multipliers { get; } =
        Tiers.ToDictionary(t => t, Multiplier, StringComparer.Ordinal);

    public static decimal Fen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
