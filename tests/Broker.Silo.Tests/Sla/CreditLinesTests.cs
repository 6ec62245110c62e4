using Broker.Silo.Metering;
using Broker.Silo.Sla;
using Broker.Silo.Tests.Metering;

namespace Broker.Silo.Tests.Sla;

/// <summary>
/// The credit schedule as a pure function: which step a miss reaches and what it credits, to the fen, from a resource's
/// own charges. The schedule is the example: below target 10 %, more than 0.5 points below 25 %, more than 1 point 50 %.
/// </summary>
public sealed class CreditLinesTests
{
    private static readonly IReadOnlyList<CreditStep> Schedule = [new(0m, 10m), new(0.5m, 25m), new(1m, 50m)];

    private static RateCard Card(IReadOnlyList<CreditStep>? gold = null) =>
        Cards.Card(3, new DateOnly(2026, 1, 1), Cards.Prices() with
        {
            SlaCredits = new Dictionary<string, IReadOnlyList<CreditStep>> { ["gold"] = gold ?? Schedule },
        });

    // 1,234.57 CNY of charges in three lines of the resource (the credit is taken from the sum of rounded lines),
    // and lines that are not its own charges (another resource, O&M, an adjustment for an earlier month).
    private static readonly StatementLine[] Lines =
    [
        new("compute", "core", "vm-1", "vcpu-hour", 1000m, "vCPU-h", 1.0m, 1000.00m),
        new("compute", "core", "vm-1", "memory-gib-hour", 100m, "GiB-h", 0.1m, 10.00m),
        new("storage", "core", "vm-1", "storage-gib-month", 641.6m, "GiB-month", 0.35m, 224.57m),
        new("compute", "core", "vm-2", "vcpu-hour", 10m, "vCPU-h", 1.0m, 10.00m),
        new("om", "core", null, "om-hardware", 1m, "month", 500m, 500.00m),
        new("adjustment", "core", "vm-1", "vcpu-hour", 99m, "vCPU-h", 1.0m, 99.00m, null, "2026-09"),
    ];

    private static ResourceAttainment Gold(decimal attained, long serviceMinutes = 43_200, string resource = "vm-1", string tier = "gold") =>
        new("dept", "core", resource, "vm-small", tier, 99.9m, serviceMinutes, 0, attained, attained >= 99.9m, []);

    [Theory]
    [InlineData("99.900", null)] // met: no credit
    [InlineData("99.899", "-123.46")] // below target: 10 % of 1,234.57 = 123.457
    [InlineData("99.400", "-123.46")] // exactly 0.5 below: still the first step
    [InlineData("99.399", "-308.64")] // more than 0.5 below: 25 % = 308.6425
    [InlineData("98.900", "-308.64")] // exactly 1 below: still the second step
    [InlineData("98.899", "-617.29")] // more than 1 below: 50 % = 617.285, half-up to the fen
    [InlineData("0.000", "-617.29")] // the deepest step is the ceiling
    public void A_miss_is_credited_by_the_deepest_step_it_reaches_to_the_fen(string attained, string? expected)
    {
        var credits = CreditLines.For([Gold(decimal.Parse(attained, System.Globalization.CultureInfo.InvariantCulture))], Lines, Card());

        if (expected is null)
        {
            Assert.Empty(credits);
            return;
        }

        var line = Assert.Single(credits);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), line.Amount);
        Assert.Equal(("sla-credit", "core", "vm-1", "sla-credit", 1234.57m), (line.Category, line.SystemId, line.ResourceId, line.Meter, line.UnitPrice));
        Assert.Equal(Money.Round(line.Quantity * line.UnitPrice), line.Amount);
        Assert.Contains($"attained {attained}%", line.Note, StringComparison.Ordinal);
        Assert.Contains("target 99.9%", line.Note, StringComparison.Ordinal);
        Assert.StartsWith("card v3, gold", line.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_credited_without_a_schedule_for_the_tier_service_minutes_or_charges()
    {
        Assert.Empty(CreditLines.For([Gold(90m, tier: "silver")], Lines, Card()));
        Assert.Empty(CreditLines.For([Gold(90m, serviceMinutes: 0)], Lines, Card()));
        Assert.Empty(CreditLines.For([Gold(90m, resource: "vm-3")], Lines, Card()));
        Assert.Empty(CreditLines.For([Gold(90m)], Lines, Cards.Card(1, new DateOnly(2026, 1, 1))));
        Assert.Equal(-5.00m, Assert.Single(CreditLines.For([Gold(90m, resource: "vm-2")], Lines, Card())).Amount);
    }

    [Fact]
    public void The_card_in_force_at_the_start_of_the_month_governs_its_credits()
    {
        var november = new BillingMonth(2026, 11);
        var early = Cards.Card(1, new DateOnly(2026, 1, 1));
        var midMonth = Card() with { EffectiveFrom = new DateOnly(2026, 11, 15) };
        Assert.Same(early, CreditLines.CardFor(RateCardTimeline.For([early, midMonth], november.Start, november.End), november));
        Assert.Same(midMonth, CreditLines.CardFor(RateCardTimeline.For([midMonth], november.Start, november.End), november));
        Assert.Null(CreditLines.CardFor(RateCardTimeline.For([], november.Start, november.End), november));
    }

    [Fact]
    public void A_schedule_out_of_order_or_out_of_range_is_refused_by_field()
    {
        var draft = Cards.Draft(new DateOnly(2027, 1, 1), Cards.Prices() with
        {
            SlaCredits = new Dictionary<string, IReadOnlyList<CreditStep>>
            {
                ["gold"] = [new(0m, 25m), new(0.5m, 10m)],
                ["silver"] = [new(0m, 100.5m)],
                ["bronze"] = [],
            },
        });

        var errors = RateCardValidation.Validate(draft, new DateOnly(2026, 12, 3));

        Assert.Equal(
            [("prices.slaCredits.bronze", "rate-card.credit-steps-invalid"), ("prices.slaCredits.gold[1]", "rate-card.credit-steps-unordered"), ("prices.slaCredits.silver[0]", "rate-card.credit-step-invalid")],
            errors.Select(e => (e.Field, e.Code)).Order());
    }
}
