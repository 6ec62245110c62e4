using Broker.Silo.Chargeback;
using static Broker.Silo.Tests.Chargeback.FixedStatements;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Chargeback;

public sealed class ChargebackViewsTests
{
    [Fact]
    public void Top_systems_rank_by_amount_across_departments_with_their_share()
    {
        var statements = new[]
        {
            Build("a", "2026-03", [Line("erp", "compute", 60m), Line("erp", "storage", 15m), Line("web", "compute", 5m)]),
            Build("b", "2026-03", [Line("hr", "compute", 20m), Line("tax", "compute", 20m)]),
        };

        var top = ChargebackViews.TopSystems(statements, 3);

        Assert.Equal([(1, "a", "erp", 75m), (2, "b", "hr", 20m), (3, "b", "tax", 20m)], top.Select(t => (t.Rank, t.Department, t.SystemId, t.AmountCny)));
        Assert.Equal(0.6250m, top[0].Share); // 75 / 120
    }

    [Fact]
    public void A_trend_lists_every_month_of_the_range_and_counts_a_missing_statement_as_zero()
    {
        IReadOnlyList<Broker.Silo.Metering.Statement> march = [Build("a", "2026-03", [Line("erp", "compute", 10m), Line("erp", "om", 2.5m)])];
        IReadOnlyList<Broker.Silo.Metering.Statement> april = [Build("b", "2026-04", [Line("hr", "compute", 4m)])];

        var trends = ChargebackViews.Trends([(new BillingMonth(2026, 3), march), (new BillingMonth(2026, 4), april)]);

        Assert.Equal(["a", "b"], trends.Select(t => t.Department));
        Assert.Equal([("2026-03", 12.5m), ("2026-04", 0m)], trends[0].Months.Select(m => (m.Period, m.TotalCny)));
        Assert.Equal(2.5m, trends[0].Months[0].ByCategory["om"]);
        Assert.Equal("none", trends[0].Months[1].State);
        Assert.Equal((12.5m, 6.25m), (trends[0].TotalCny, trends[0].AverageCny));
    }

    [Theory]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("26-01")]
    [InlineData("2026-1")]
    [InlineData("2026/01")]
    [InlineData("1999-12")]
    public void Only_a_strict_year_and_month_parses(string text) => Assert.False(BillingMonth.TryParse(text, out _));

    [Fact]
    public void Months_start_at_midnight_in_Shanghai()
    {
        Assert.True(BillingMonth.TryParse("2026-03", out var march));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), march.Start);
        Assert.Equal(new BillingMonth(2026, 3), BillingMonth.Of(march.Start));
        Assert.Equal(new BillingMonth(2026, 2), BillingMonth.Of(march.Start.AddTicks(-1)));
        Assert.Equal(new BillingMonth(2027, 1), new BillingMonth(2026, 12).Next);
        Assert.Equal(14, BillingMonth.Count(new BillingMonth(2025, 12), new BillingMonth(2027, 1)));
    }
}
