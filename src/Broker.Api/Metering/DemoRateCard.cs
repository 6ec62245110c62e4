using Broker.Silo.Metering;
using Broker.Silo.Sla;

namespace Broker.Api.Metering;

/// <summary>
/// The rate card the demo starts with, in force from the first day of the current year, so that run.sh shows priced
/// statements and quotes at once. Figures are illustrative, in the range of municipal cloud price lists.
/// </summary>
public static class DemoRateCard
{
    public static RateCardPrices Prices { get; } = new(
        VcpuHour: 0.05m,
        MemoryGibHour: 0.012m,
        StorageGibMonth: 0.35m,
        ChargedWhenStopped: ["storage"],
        DatabasePlans: new Dictionary<string, decimal> { ["pg-single"] = 420m, ["pg-ha"] = 1680m },
        Meters: new Dictionary<string, MeterPrice>
        {
            ["uplink-mbps"] = new("Mbps-month", 25m),
            ["backup-gib"] = new("GiB-month", 0.15m),
            ["licence-seat"] = new("seat-month", 60m),
        },
        SlaMultipliers: new Dictionary<string, decimal> { ["bronze"] = 1m, ["silver"] = 1.2m, ["gold"] = 1.5m },
        // The example schedule for every tier (docs/sla.md, "Credits"), so a demo outage shows on the bill.
        SlaCredits: new Dictionary<string, IReadOnlyList<CreditStep>> { ["bronze"] = CreditSchedule, ["silver"] = CreditSchedule, ["gold"] = CreditSchedule });

    private static IReadOnlyList<CreditStep> CreditSchedule => [new(0m, 10m), new(0.5m, 25m), new(1m, 50m)];

    /// <summary>Writes the demo card unless some card exists already (a restart changes nothing).</summary>
    public static async Task SeedAsync(RateCardStore cards, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((await cards.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var from = new DateOnly(BillingMonth.Of(now).Year, 1, 1);
        await cards.CreateAsync(new RateCardDraft(from, null, Prices, "demo data: the card covers the whole demo year"), "system:demo-seed", "demo-seed", now, cancellationToken);
    }
}
