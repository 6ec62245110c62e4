namespace Broker.Silo.Metering;

/// <summary>
/// The prices of one rate card version, in CNY. Compute is priced per dimension-hour, storage per GiB-month (prorated by
/// the share of the month held), a database plan by a fixed monthly fee (prorated the same way), imported usage per
/// meter unit; every ledger price is multiplied by the SLA tier's multiplier.
/// </summary>
/// <param name="ChargedWhenStopped">Which ledger dimensions (<c>vcpu</c>, <c>memory</c>, <c>storage</c>) a stopped VM
/// still pays for; the rest count as compute and stop with the VM.</param>
/// <param name="DatabasePlans">Monthly fee per database plan code; a database whose plan has none is priced by its dimensions.</param>
/// <param name="SlaCredits">The credit schedule per SLA tier (docs/sla.md, "Credits"); a tier without one, or a card
/// from before schedules existed (null), credits nothing.</param>
public sealed record RateCardPrices(
    decimal VcpuHour,
    decimal MemoryGibHour,
    decimal StorageGibMonth,
    IReadOnlyList<string> ChargedWhenStopped,
    IReadOnlyDictionary<string, decimal> DatabasePlans,
    IReadOnlyDictionary<string, MeterPrice> Meters,
    IReadOnlyDictionary<string, decimal> SlaMultipliers,
    IReadOnlyDictionary<string, IReadOnlyList<Sla.CreditStep>>? SlaCredits = null)
{
    public static readonly string[] Dimensions = ["vcpu", "memory", "storage"];

    /// <summary>An SLA tier the card does not name is charged at 1x (and the line's note says so).</summary>
    public decimal Multiplier(string tier) => SlaMultipliers.TryGetValue(tier, out var m) ? m : 1m;

    public bool ChargesWhenStopped(string dimension) => ChargedWhenStopped.Contains(dimension, StringComparer.Ordinal);
}

/// <summary>The price of one unit of an imported meter.</summary>
public sealed record MeterPrice(string Unit, decimal Price);
