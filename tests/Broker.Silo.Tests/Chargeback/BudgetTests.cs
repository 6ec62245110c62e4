using Broker.Contracts.Common;
using Broker.Silo.Audit;
using Broker.Silo.Chargeback;
using static Broker.Silo.Tests.Chargeback.ChargebackDatabaseFixture;
using static Broker.Silo.Tests.Chargeback.FixedStatements;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Chargeback;

/// <summary>Budgets in PostgreSQL, and budget against actual worked out by hand (clock: 10 May 2026).</summary>
public sealed class BudgetTests(ChargebackDatabaseFixture db) : IClassFixture<ChargebackDatabaseFixture>
{
    private static readonly Actor Finance = new("finance@city", "财政局", "corr-budget");

    private BudgetStore Store => db.Get<BudgetStore>();

    [Fact]
    public async Task Setting_a_budget_writes_it_with_one_audit_row_and_the_same_again_changes_nothing()
    {
        var (first, changed) = await Store.SetAsync("bud-store", 2026, 1_200_000.00m, "年初预算", Finance);
        var (again, changedAgain) = await Store.SetAsync("bud-store", 2026, 1_200_000.00m, "年初预算", Finance);
        var (raised, _) = await Store.SetAsync("bud-store", 2026, 1_500_000.50m, "追加", Finance);

        Assert.True(changed);
        Assert.False(changedAgain);
        Assert.Equal(first, again);
        Assert.Equal(raised, await Store.GetAsync("bud-store", 2026));
        Assert.Equal(1_500_000.50m, raised.AmountCny);
        Assert.Null(await Store.GetAsync("bud-store", 2025));
        var audit = await new AuditLog(db.DataSource).QueryAsync(new AuditQuery(ObjectType: "budget", ObjectId: "bud-store/2026", Limit: 10));
        Assert.Equal(2, audit.Count);
        Assert.Equal(("budget.set", "finance@city", "corr-budget"), (audit[0].Action, audit[0].Actor, audit[0].CorrelationId));
        Assert.Equal(1_200_000.00m, audit[0].Before!.Value.GetProperty("amountCny").GetDecimal());
    }

    [Fact]
    public async Task A_past_month_compares_actual_to_date_with_the_accrued_twelfths_and_flags_the_thresholds_reached()
    {
        await Store.SetAsync("bud-past", 2026, 1_200_000m, null, Finance);
        db.Statements.Add("bud-past", "2026-01", Line("erp", "compute", 100_000m));
        db.Statements.Add("bud-past", "2026-02", Line("erp", "compute", 90_000m));
        db.Statements.Add("bud-past", "2026-03", Line("erp", "compute", 40_000m), Line("crm", "om", 20_000m));
        db.Statements.Add("bud-past", "2025-12", Line("erp", "compute", 999_999m)); // last year: not counted

        var status = Assert.Single(await db.Get<ChargebackViews>().BudgetStatusAsync("bud-past", new BillingMonth(2026, 3)));

        Assert.Equal(0.25m, status.ElapsedShareOfYear);
        Assert.Equal(300_000.00m, status.BudgetToDateCny);
        Assert.Equal(250_000m, status.ActualToDateCny);
        Assert.Equal(60_000m, status.PeriodActualCny);
        Assert.Equal(0.8333m, status.UsedShare);
        Assert.Equal([0.8m], status.AlertsReached);
        Assert.True(status.Alert);
        Assert.Equal(0.2083m, status.AnnualShare); // 250000 / 1200000
    }

    [Fact]
    public void The_running_month_accrues_by_elapsed_time_in_Shanghai()
    {
        // 16 March 00:00 in Shanghai: two whole months and 15 of March's 31 days, (2 + 15/31) / 12 = 77/372.
        var now = Shanghai(2026, 3, 16);
        var budget = new DepartmentBudget("d", 2026, 1_200_000m, null, "f", now);

        var status = BudgetMath.Evaluate(budget, new BillingMonth(2026, 3), 250_000m, 10_000m, now, [0.8m, 1.0m]);

        Assert.Equal(0.206989m, status.ElapsedShareOfYear);
        Assert.Equal(248_387.10m, status.BudgetToDateCny); // 1,200,000 × 77 / 372 = 248,387.0967…
        Assert.Equal(1.0065m, status.UsedShare);            // 250,000 / 248,387.10
        Assert.Equal([0.8m, 1.0m], status.AlertsReached);
    }

    [Fact]
    public void Nothing_is_flagged_below_the_first_threshold_and_spending_before_any_accrual_is_over_budget()
    {
        var budget = new DepartmentBudget("d", 2026, 1_200_000m, null, "f", DateTimeOffset.UnixEpoch);

        var under = BudgetMath.Evaluate(budget, new BillingMonth(2026, 6), 100_000m, 0m, Shanghai(2026, 8, 1), [0.8m, 1.0m]);
        var early = BudgetMath.Evaluate(budget, new BillingMonth(2026, 1), 5m, 5m, Shanghai(2026, 1, 1), [0.8m, 1.0m]);

        Assert.Equal((600_000.00m, 0.1667m), (under.BudgetToDateCny, under.UsedShare!.Value));
        Assert.False(under.Alert);
        Assert.Empty(under.AlertsReached);
        Assert.Equal(0m, early.BudgetToDateCny);
        Assert.Null(early.UsedShare);
        Assert.True(early.Alert);
    }
}
