namespace Broker.Silo.Metering;

/// <summary>
/// The O&amp;M composite rate (seed 000): the tier's base rate, multiplied by a factor per adjustment (importance,
/// service hours, data scale, transaction scale), kept within the tier's range; then split into three shares.
/// </summary>
public sealed class OmFeeOptions
{
    /// <summary>Base yearly rate per tier (share of build investment); the tier's range is in <see cref="Systems.OmFeeRates"/>.</summary>
    public Dictionary<string, decimal> BaseRate { get; set; } = new(StringComparer.Ordinal) { ["1"] = 0.12m, ["2"] = 0.08m, ["3"] = 0.05m };

    public Dictionary<string, decimal> Importance { get; set; } = new(StringComparer.Ordinal) { ["normal"] = 1m, ["high"] = 1.1m, ["critical"] = 1.2m };

    public Dictionary<string, decimal> ServiceHours { get; set; } = new(StringComparer.Ordinal) { ["5x8"] = 1m, ["7x24"] = 1.1m };

    public Dictionary<string, decimal> DataScale { get; set; } = new(StringComparer.Ordinal) { ["small"] = 1m, ["medium"] = 1.05m, ["large"] = 1.1m };

    public Dictionary<string, decimal> TransactionScale { get; set; } = new(StringComparer.Ordinal) { ["small"] = 1m, ["medium"] = 1.05m, ["large"] = 1.1m };

    /// <summary>Shares of the fee; they must add up to 1.</summary>
    public decimal HardwareShare { get; set; } = 0.4m;

    public decimal CommercialSoftwareShare { get; set; } = 0.2m;

    public decimal ApplicationSoftwareShare { get; set; } = 0.4m;
}
