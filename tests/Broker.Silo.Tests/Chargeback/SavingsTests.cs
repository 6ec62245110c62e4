using Broker.Silo.Chargeback;
using static Broker.Silo.Tests.Chargeback.ChargebackDatabaseFixture;
using static Broker.Silo.Tests.Chargeback.FixedStatements;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Chargeback;

/// <summary>
/// Consolidation savings from real ledger rows in PostgreSQL and statements from <see cref="FixedStatements"/>, checked
/// against figures worked out by hand (unit costs: vcpu 1000, memory_gib 100, storage_gib 2, databases 5000 CNY; five
/// years of hardware life; base O&amp;M rates 12% for tier 1, 8% tier 2, 5% tier 3).
/// </summary>
public sealed class SavingsTests(SavingsTests.Data data) : IClassFixture<SavingsTests.Data>
{
    public sealed class Data : IAsyncLifetime
    {
        public ChargebackDatabaseFixture Db { get; } = new();

        public async Task InitializeAsync()
        {
            await Db.InitializeAsync();
            await Db.SystemAsync("sav-a", "tax", 1);
            await Db.SystemAsync("sav-b", "hr", 2);
            // tax: r1 resized on 10 March (the closing and the opening share an instant), r2 stopped but still allocated.
            await Db.IntervalAsync("sav-a", "tax", "r1", 1, """{"vcpu":4,"memory_gib":16,"storage_gib":100,"vms":1}""", Shanghai(2026, 3, 1), Shanghai(2026, 3, 10));
            await Db.IntervalAsync("sav-a", "tax", "r1", 2, """{"vcpu":8,"memory_gib":32,"storage_gib":100,"vms":1}""", Shanghai(2026, 3, 10), null);
            await Db.IntervalAsync("sav-a", "tax", "r2", 1, """{"vcpu":4,"memory_gib":8,"storage_gib":50,"vms":1}""", Shanghai(2026, 3, 5), Shanghai(2026, 3, 12), running: false);
            // Ends exactly at the start of March in Shanghai (16:00 UTC on 28 February): not in March.
            await Db.IntervalAsync("sav-a", "tax", "r4", 1, """{"vcpu":50}""", Shanghai(2026, 2, 1), Shanghai(2026, 3, 1));
            // An unregistered system's database, open since February.
            await Db.IntervalAsync("sav-a", "portal", "r3", 1, """{"vcpu":2,"memory_gib":4,"storage_gib":20,"databases":1}""", Shanghai(2026, 2, 15), null, kind: "database");
            await Db.IntervalAsync("sav-b", "hr", "r5", 1, """{"vcpu":2}""", Shanghai(2026, 3, 20), Shanghai(2026, 3, 21));

            Db.Statements.Add("sav-a", "2026-03", Line("tax", "compute", 30.25m), Line("tax", "storage", 12.10m), Line("portal", "database", 7.65m));
            Db.Statements.Add("sav-a", "2026-04", Line("tax", "compute", 40.00m), Line("portal", "database", 10.00m));
            Db.Statements.Add("sav-b", "2026-03", Line("hr", "compute", 10.00m));
        }

        public Task DisposeAsync() => Db.DisposeAsync();
    }

    private SavingsService Savings => data.Db.Get<SavingsService>();

    [Fact]
    public async Task Peaks_count_stopped_resources_and_never_both_halves_of_a_resize()
    {
        var peaks = await data.Db.Get<PeakAllocations>().ReadAsync("sav-a", Shanghai(2026, 3, 1), Shanghai(2026, 4, 1));

        var tax = peaks.Single(p => p.SystemId == "tax");
        // 4 (r1) + 4 (r2) before the resize, then 8 + 4 while r2 lasts; 16 would mean the resize was counted twice,
        // 50 that the interval ending at the Shanghai month boundary leaked into March.
        Assert.Equal(12, tax.Peaks["vcpu"]);
        Assert.Equal(32 + 8, tax.Peaks["memory_gib"]);
        Assert.Equal(100 + 50, tax.Peaks["storage_gib"]);
        Assert.Equal(2, tax.Peaks["vms"]);
        Assert.Equal(1, tax.OmTier);
        Assert.Null(peaks.Single(p => p.SystemId == "portal").OmTier);
    }

    [Fact]
    public async Task One_department_for_one_month_matches_the_hand_computed_figures()
    {
        var report = await Savings.ComputeAsync("sav-a", new BillingMonth(2026, 3), new BillingMonth(2026, 3));

        var department = Assert.Single(report.Departments);
        var tax = department.Systems.Single(s => s.SystemId == "tax");
        // 12 vcpu × 1000 + 40 GiB × 100 + 150 GiB × 2 (vms are not priced).
        Assert.Equal(16_300.00m, tax.DedicatedInvestmentCny);
        Assert.Equal(271.67m, tax.HardwareCny);       // 16300 / 60 = 271.666…
        Assert.Equal(163.00m, tax.OmFeeCny);           // 16300 × 12% / 12
        Assert.Equal(434.67m, tax.SeparateCostCny);
        Assert.Equal(42.35m, tax.SharedChargedCny);    // 30.25 + 12.10
        var portal = department.Systems.Single(s => s.SystemId == "portal");
        Assert.False(portal.Registered);
        Assert.Equal((3, 0.05m), (portal.OmTier, portal.OmRate));
        Assert.Equal(7_440.00m, portal.DedicatedInvestmentCny); // 2000 + 400 + 40 + 5000
        Assert.Equal((124.00m, 31.00m, 155.00m), (portal.HardwareCny, portal.OmFeeCny, portal.SeparateCostCny));
        Assert.Equal(589.67m, department.SeparateCostCny);
        Assert.Equal(50.00m, department.SharedChargedCny);
        Assert.Equal(539.67m, department.SavingsCny);
        Assert.Equal(11.79m, department.SeparateToSharedRatio); // 589.67 / 50 = 11.7934
    }

    [Fact]
    public async Task Two_months_double_the_write_off_and_the_fee_but_not_the_investment()
    {
        var report = await Savings.ComputeAsync("sav-a", new BillingMonth(2026, 3), new BillingMonth(2026, 4));

        var tax = report.Departments.Single().Systems.Single(s => s.SystemId == "tax");
        Assert.Equal(2, report.Months);
        Assert.Equal(16_300.00m, tax.DedicatedInvestmentCny);
        Assert.Equal((543.33m, 326.00m), (tax.HardwareCny, tax.OmFeeCny));
        Assert.Equal(50.00m + 50.00m, report.SharedChargedCny);
    }

    [Fact]
    public async Task The_city_figure_is_the_sum_of_the_departments()
    {
        var report = await Savings.ComputeAsync(null, new BillingMonth(2026, 3), new BillingMonth(2026, 3));

        Assert.Equal(["sav-a", "sav-b"], report.Departments.Select(d => d.Department));
        var hr = report.Departments[1].Systems.Single();
        // 2 vcpu × 1000 = 2000; 2000 / 60 = 33.33; 2000 × 8% / 12 = 13.33.
        Assert.Equal((2_000.00m, 33.33m, 13.33m), (hr.DedicatedInvestmentCny, hr.HardwareCny, hr.OmFeeCny));
        Assert.Equal(589.67m + 46.66m, report.SeparateCostCny);
        Assert.Equal(60.00m, report.SharedChargedCny);
        Assert.Equal(636.33m - 60.00m, report.SavingsCny);
        Assert.Equal(10.61m, report.SeparateToSharedRatio); // 636.33 / 60 = 10.6055
    }
}
