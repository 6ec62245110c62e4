using Broker.Contracts.Resources;
using Broker.Silo.Metering;
using Broker.Silo.Resources;
using Broker.Silo.Sla;
using Broker.Silo.Storage;
using Broker.Silo.Tests.Metering;
using static Broker.Silo.Tests.Metering.Journal;

namespace Broker.Silo.Tests.Sla;

/// <summary>
/// Credits on real statements over PostgreSQL: rated from the ledger with a card whose schedule is the example,
/// frozen with the month, and an outage recorded after the close turned into an adjustment of the next open month.
/// </summary>
public sealed class SlaCreditStatementTests(MeteringDatabaseFixture fixture) : IClassFixture<MeteringDatabaseFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if ((await fixture.Cards.ListAsync()).Count == 0)
        {
            var prices = Cards.Prices() with
            {
                SlaCredits = new Dictionary<string, IReadOnlyList<CreditStep>> { ["bronze"] = [new(0m, 10m), new(0.5m, 25m), new(1m, 50m)] },
            };
            await fixture.Cards.CreateAsync(Cards.Draft(new DateOnly(2026, 1, 1), prices, "credit tests"), "finance@test", "corr", fixture.Time.GetUtcNow());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A department with one bronze VM of 2 vCPU running from <paramref name="readyMonth"/>'s last day on: a 30-day month costs 2 x 720 h x 0.0473 = 68.112.</summary>
    private async Task<(string Department, string Vm)> RunningVmAsync(string prefix, int readyMonth)
    {
        var department = MeteringDatabaseFixture.NewCode(prefix);
        await fixture.Journal.DepartmentAsync(department);
        var vm = $"{department}-vm";
        await fixture.Journal.AppendAsync(vm, department, "core", 1,
            Created(Shanghai(readyMonth, 20), department, "core", Vm(2, 0, 0)),
            new ResourceBecameReady(Shanghai(readyMonth + 1, 1).AddDays(-1), new Dictionary<string, string>()));
        await fixture.Relay.DrainAsync();
        return (department, vm);
    }

    // 43,200 service minutes in a 7x24 November: 44 down = 99.898 % (below 99.9); 260 = 99.398 % (more than 0.5 below);
    // 476 = 98.898 % (more than 1 below).
    [Theory]
    [InlineData(0, null)]
    [InlineData(44, "-6.81")] // 10 % of 68.11
    [InlineData(260, "-17.03")] // 25 % of 68.11 = 17.0275
    [InlineData(476, "-34.06")] // 50 % of 68.11 = 34.055, half-up
    public async Task A_resource_that_missed_its_target_gets_a_credit_line_of_its_own_charges_to_the_fen(int downMinutes, string? expected)
    {
        var (department, vm) = await RunningVmAsync("credit", 10);
        fixture.Attainment.Set(new BillingMonth(2026, 11), SetAttainmentSource.Figures(department, "core", vm, "bronze", 99.9m, 43_200, downMinutes));

        var statement = await fixture.Engine.GetAsync(department, "2026-11");

        var charged = Assert.Single(statement.Lines, l => l.Category == "compute");
        Assert.Equal(68.11m, charged.Amount);
        var credits = statement.Lines.Where(l => l.Category == "sla-credit").ToList();
        if (expected is null)
        {
            Assert.Empty(credits);
            Assert.Equal(68.11m, statement.Total);
            return;
        }

        var credit = Assert.Single(credits);
        var amount = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((vm, amount, 68.11m), (credit.ResourceId, credit.Amount, credit.UnitPrice));
        Assert.Contains($"({downMinutes} of 43200 min down)", credit.Note, StringComparison.Ordinal);
        Assert.Equal(68.11m + amount, statement.Total);
        Assert.Equal(amount, Assert.Single(statement.ByCategory, c => c.Key == "sla-credit").Amount);
    }

    [Fact]
    public async Task An_outage_recorded_after_the_close_becomes_an_adjustment_in_the_next_open_month_once()
    {
        // Months of their own (June to August), so that the theory's November stays open whatever order tests run in.
        var (department, vm) = await RunningVmAsync("late", 5);
        var june = new BillingMonth(2026, 6);
        // June as measured at the close: met. 2 x 720 h x 0.0473 = 68.112 -> 68.11.
        fixture.Attainment.Set(june, SetAttainmentSource.Figures(department, "core", vm, "bronze", 99.9m, 43_200, 0));
        Assert.Null((await fixture.Closing.CloseAsync(june, "finance@test", "corr")).Refusal);
        var frozen = await fixture.Engine.GetAsync(department, "2026-06");
        Assert.Equal(("closed", 68.11m), (frozen.State, frozen.Total));
        Assert.DoesNotContain(frozen.Lines, l => l.Category == "sla-credit");
        Assert.DoesNotContain((await fixture.Engine.GetAsync(department, "2026-07")).Lines, l => l.Category == "adjustment");

        // An incident of June 20, recorded in December: 300 minutes down, 99.306 %, more than 0.5 points below.
        fixture.Attainment.Set(june, SetAttainmentSource.Figures(department, "core", vm, "bronze", 99.9m, 43_200, 300,
            Shanghai(6, 20, 9), "incident", "INC-7"));
        // Nothing a statement reads from the database changed, so an open month is served from the cache for up to
        // OpenStatementMaxAge (60 s) after an attainment change: let that pass on the business clock.
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(BrokerJson.Serialize(frozen), BrokerJson.Serialize(await fixture.Engine.GetAsync(department, "2026-06")));
        var july = await fixture.Engine.GetAsync(department, "2026-07");
        var adjustment = Assert.Single(july.Lines, l => l.Category == "adjustment");
        // 25 % of June's 68.11 = 17.0275 -> 17.03.
        Assert.Equal(("sla-credit", vm, -0.25m, 68.11m, -17.03m, "2026-06"),
            (adjustment.Meter, adjustment.ResourceId, adjustment.Quantity, adjustment.UnitPrice, adjustment.Amount, adjustment.OriginalPeriod));
        Assert.Contains("attained 99.306%", adjustment.Note, StringComparison.Ordinal);
        // July: 2 x 744 h x 0.0473 = 70.3824 -> 70.38.
        Assert.Equal(70.38m - 17.03m, july.Total);

        // Frozen with July, the adjustment is not repeated in August.
        Assert.Null((await fixture.Closing.CloseAsync(new BillingMonth(2026, 7), "finance@test", "corr")).Refusal);
        Assert.Equal(-17.03m, Assert.Single((await fixture.Engine.GetAsync(department, "2026-07")).Lines, l => l.Category == "adjustment").Amount);
        Assert.DoesNotContain((await fixture.Engine.GetAsync(department, "2026-08")).Lines, l => l.Category == "adjustment");
    }
}
