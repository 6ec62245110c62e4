using Broker.Silo.Metering;
using static Broker.Silo.Tests.Metering.Journal;

namespace Broker.Silo.Tests.Metering;

/// <summary>Hand-computed rating cases: every amount is worked out here from hours and prices, to the fen.</summary>
public sealed class RatingTests
{
    private static readonly BillingMonth November = new(2026, 11);

    private static UsageInterval Vm(string id, int vcpu, int memory, int storage, DateTimeOffset start, DateTimeOffset? end, bool running = true, string tier = "bronze") =>
        new(id, "core", "vm", "vm-small", tier, running, vcpu, memory, storage, 1, start.UtcTicks, end?.UtcTicks ?? UsageInterval.Open);

    private static List<StatementLine> Rate(BillingMonth month, IEnumerable<RateCard> cards, params UsageInterval[] intervals)
    {
        var rating = new Rating(month, RateCardTimeline.For(cards, month.Start, month.End), month.End);
        var lines = new LineAccumulator();
        foreach (var interval in intervals)
        {
            rating.Rate(interval, lines);
        }

        return StatementAssembly.Build("d", month.ToString(), lines.ToLines()).Lines.ToList();
    }

    private static StatementLine Line(IEnumerable<StatementLine> lines, string meter, decimal? unitPrice = null) =>
        Assert.Single(lines, l => l.Meter == meter && (unitPrice is null || l.UnitPrice == unitPrice));

    [Fact]
    public void A_vm_resized_and_stopped_mid_month_is_charged_per_size_and_keeps_only_storage_while_stopped()
    {
        // Nov 2026 has 720 hours. 2 vCPU/4 GiB for 242 h (Nov 1 00:00 - Nov 11 02:00), 4 vCPU/8 GiB for 239 h
        // (to Nov 21 01:00), then stopped for 239 h; 50 GiB of storage the whole month.
        var lines = Rate(November, [Cards.Card(1, new DateOnly(2026, 1, 1))],
            Vm("r1", 2, 4, 50, Shanghai(11, 1), Shanghai(11, 11, 2)),
            Vm("r1", 4, 8, 50, Shanghai(11, 11, 2), Shanghai(11, 21, 1)),
            Vm("r1", 4, 8, 50, Shanghai(11, 21, 1), null, running: false));

        var vcpu = Line(lines, "vcpu-hour");
        Assert.Equal(1440m, vcpu.Quantity);                 // 2 x 242 + 4 x 239
        Assert.Equal(68.11m, vcpu.Amount);                  // 1440 x 0.0473 = 68.112
        var memory = Line(lines, "memory-gib-hour");
        Assert.Equal(2880m, memory.Quantity);               // 4 x 242 + 8 x 239
        Assert.Equal(34.27m, memory.Amount);                // 2880 x 0.0119 = 34.272
        var storage = Line(lines, "storage-gib-month");
        Assert.Equal(50m, storage.Quantity);                // 50 GiB x 720/720 of the month
        Assert.Equal(17.50m, storage.Amount);               // 50 x 0.35
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public void A_month_boundary_is_midnight_in_Shanghai_not_in_UTC()
    {
        // 2026-10-31T15:30Z is 23:30 on Oct 31 in Shanghai; 16:00Z is Nov 1 00:00. Until 18:00Z: 0.5 h in October, 2 h in November.
        var interval = Vm("r2", 10, 0, 0, new DateTimeOffset(2026, 10, 31, 15, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 31, 18, 0, 0, TimeSpan.Zero));
        RateCard[] cards = [Cards.Card(1, new DateOnly(2026, 1, 1))];

        var october = Line(Rate(new BillingMonth(2026, 10), cards, interval), "vcpu-hour");
        var november = Line(Rate(November, cards, interval), "vcpu-hour");

        Assert.Equal((5m, 0.24m), (october.Quantity, october.Amount));     // 10 x 0.5 h x 0.0473 = 0.2365 -> 0.24 (half-up)
        Assert.Equal((20m, 0.95m), (november.Quantity, november.Amount));  // 10 x 2 h x 0.0473 = 0.946 -> 0.95
    }

    [Fact]
    public void A_rate_card_changing_mid_month_splits_the_interval_at_Shanghai_midnight()
    {
        RateCard[] cards = [Cards.Card(1, new DateOnly(2026, 1, 1)), Cards.Card(2, new DateOnly(2026, 11, 16), Cards.Prices(vcpuHour: 0.0611m))];

        var lines = Rate(November, cards, Vm("r3", 2, 0, 0, Shanghai(11, 1), null));

        var before = Line(lines, "vcpu-hour", 0.0473m);
        var after = Line(lines, "vcpu-hour", 0.0611m);
        Assert.Equal((720m, 34.06m), (before.Quantity, before.Amount));    // 2 x 360 h x 0.0473 = 34.056
        Assert.Equal((720m, 43.99m), (after.Quantity, after.Amount));      // 2 x 360 h x 0.0611 = 43.992
        Assert.Equal("card v2, bronze x1", after.Note);
    }

    [Fact]
    public void A_gold_tier_multiplies_every_ledger_price_by_one_and_a_half()
    {
        var lines = Rate(November, [Cards.Card(1, new DateOnly(2026, 1, 1))], Vm("r4", 4, 16, 100, Shanghai(11, 1), Shanghai(11, 11), tier: "gold"));

        // 240 h. vCPU: 4 x 240 x 0.0473 x 1.5 = 68.112; memory: 16 x 240 x 0.0119 x 1.5 = 68.544;
        // storage: 100 GiB x 240/720 month x 0.35 x 1.5 = 17.5
        Assert.Equal((0.07095m, 68.11m), (Line(lines, "vcpu-hour").UnitPrice, Line(lines, "vcpu-hour").Amount));
        Assert.Equal(68.54m, Line(lines, "memory-gib-hour").Amount);
        Assert.Equal(17.50m, Line(lines, "storage-gib-month").Amount);
        Assert.Equal(33.333333m, Line(lines, "storage-gib-month").Quantity); // 100 GiB x 1/3 month
    }

    [Fact]
    public void A_database_on_a_priced_plan_pays_the_plan_fee_prorated_and_multiplied()
    {
        var db = new UsageInterval("db1", "core", "database", "pg-single", "silver", true, 2, 8, 100, 1, Shanghai(11, 16).UtcTicks, UsageInterval.Open);

        var lines = Rate(November, [Cards.Card(1, new DateOnly(2026, 1, 1))], db);

        var line = Assert.Single(lines);
        Assert.Equal(("database", 0.5m, 360m), (line.Category, line.Quantity, line.UnitPrice)); // 300 x 1.2, half the month
        Assert.Equal(180.00m, line.Amount);
    }

    [Fact]
    public void An_imported_meter_is_rated_with_the_card_in_force_at_the_start_of_its_month()
    {
        var rating = new Rating(November, RateCardTimeline.For([Cards.Card(1, new DateOnly(2026, 1, 1))], November.Start, November.End), November.End);

        var line = rating.RateImported("core", "uplink-mbps", "Mbps-month", 37.3m)!;

        Assert.Equal(("imported", 12.5m, 466.25m), (line.Category, line.UnitPrice, line.Amount)); // 37.3 x 12.5
        var unpriced = rating.RateImported("core", "licence-seat", "seat-month", 3m)!;
        Assert.Equal(0m, unpriced.Amount);
    }

    [Fact]
    public void The_om_fee_is_investment_times_composite_rate_split_into_three_shares_per_month()
    {
        var options = new OmFeeOptions();

        // Tier 2, high importance, 7x24, medium data: 0.08 x 1.1 x 1.1 x 1.05 = 0.10164, capped at the tier's 10%.
        var capped = OmFee.MonthlyLines("core", 2, 2_000_000m, new OmProfile("high", "7x24", "medium", "small"), options).ToList();
        Assert.Equal(0.10m, OmFee.CompositeRate(2, new OmProfile("high", "7x24", "medium", "small"), options));
        // 2,000,000 x 0.10 / 12 = 16,666.666...: hardware 40% 6,666.67, commercial software 20% 3,333.33, application 40% 6,666.67
        Assert.Equal([6666.67m, 3333.33m, 6666.67m], capped.Select(l => l.Amount));
        Assert.Equal(["om-hardware", "om-commercial-software", "om-application-software"], capped.Select(l => l.Meter));

        // Tier 3, normal: 5%. 1,234,567.89 x 0.05 / 12 = 5,144.0328...: 2,057.61 / 1,028.81 / 2,057.61
        var plain = OmFee.MonthlyLines("site", 3, 1_234_567.89m, OmProfile.Normal, options).ToList();
        Assert.Equal([2057.61m, 1028.81m, 2057.61m], plain.Select(l => l.Amount));

        // Tier 1, high importance only: 0.12 x 1.1 = 0.132, inside 12-15%.
        Assert.Equal(0.132m, OmFee.CompositeRate(1, new OmProfile("high", "5x8", "small", "small"), options));
    }

    [Fact]
    public void Totals_are_sums_of_rounded_lines_and_the_order_is_total()
    {
        // Three lines of 0.0473 x 10 h... each 0.473 -> 0.47; the total is 1.41, not round(1.419) = 1.42.
        var lines = Rate(November, [Cards.Card(1, new DateOnly(2026, 1, 1))],
            Vm("c", 1, 0, 0, Shanghai(11, 1), Shanghai(11, 1, 10)),
            Vm("a", 1, 0, 0, Shanghai(11, 1), Shanghai(11, 1, 10)),
            Vm("b", 1, 0, 0, Shanghai(11, 1), Shanghai(11, 1, 10)));
        var statement = StatementAssembly.Build("d", "2026-11", lines);

        Assert.Equal(1.41m, statement.Total);
        Assert.Equal(["a", "b", "c"], statement.Lines.Select(l => l.ResourceId));
        Assert.Equal(1.41m, Assert.Single(statement.ByCategory).Amount);
    }
}
