using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Silo.Chargeback;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// Trend, top systems, budgets with alerts, savings and the gauges over HTTP, on the real statement engine: every figure
/// is rated from ledger intervals at 1.00 CNY per vCPU-hour (business clock: 2 November 2026, months in Asia/Shanghai).
/// </summary>
[Collection(RatedFinanceCollection.Name)]
public sealed class FinanceViewsApiTests(RatedFinanceApiFactory broker)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, Shanghai);

    [Theory]
    [InlineData("/api/finance/exports/2026-13?format=csv", "period", "zh-CN", "期间须为 yyyy-MM")]
    [InlineData("/api/finance/exports/2026-10?format=pdf", "format", "en", "The export format must be csv or xlsx.")]
    [InlineData("/api/finance/trend?from=2026-10&to=2026-01", "from", "en", "at most 36 months")]
    [InlineData("/api/finance/trend?from=2020-01&to=2026-01", "from", "zh-CN", "最多 36 个月")]
    [InlineData("/api/finance/top-systems?period=2026-10&limit=0", "limit", "en", "Paging is out of range")]
    [InlineData("/api/finance/budgets?year=12", "year", "zh-CN", "年度须为")]
    [InlineData("/api/finance/savings?to=2026-1", "to", "en", "yyyy-MM")]
    public async Task Bad_input_is_a_problem_naming_the_field_in_the_callers_language(string url, string field, string language, string text)
    {
        var body = await broker.As("finance").Send(HttpMethod.Get, url, language: language).Expect(HttpStatusCode.BadRequest);

        var messages = body["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_budget_is_refused_with_every_field_named_and_changes_nothing()
    {
        var code = await broker.DepartmentAsync("bud-bad");
        var finance = broker.As("finance");

        var body = await finance.Send(HttpMethod.Put, $"/api/finance/budgets/{code}/2026", new { amountCny = 10.005m, note = new string('x', 501) }, language: "en")
            .Expect(HttpStatusCode.BadRequest);
        await finance.Send(HttpMethod.Put, $"/api/finance/budgets/{code}/1999", new { amountCny = 10m }).Expect(HttpStatusCode.BadRequest);
        await finance.Send(HttpMethod.Put, $"/api/finance/budgets/{code}/2026", new { amountCny = -1m }).Expect(HttpStatusCode.BadRequest);
        await finance.Send(HttpMethod.Put, "/api/finance/budgets/no-such-dept/2026", new { amountCny = 10m }).Expect(HttpStatusCode.NotFound);

        Assert.Equal(["amountCny", "note"], body["errors"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("finance.amount-invalid", body["code"]!.GetValue<string>());
        var list = await finance.Send(HttpMethod.Get, "/api/finance/budgets?year=2026").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(list.AsArray(), b => b!["department"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task Budget_against_actual_flags_the_thresholds_reached_for_finance_and_the_department()
    {
        var code = await broker.DepartmentAsync("bud-alert");
        // 120,000 a year: 100,000 accrued by the end of October; 85,000 spent (85%): the 80% alert, not the 100% one.
        // January: 100 vCPU x 400 h = 40,000.00; October: 100 vCPU x 450 h (18 days 18 hours) = 45,000.00.
        await broker.IntervalAsync(code, "erp", 100, At(1, 1), At(1, 17, 16));
        await broker.IntervalAsync(code, "erp", 100, At(10, 1), At(10, 19, 18));
        await broker.As("finance").Send(HttpMethod.Put, $"/api/finance/budgets/{code}/2026", new { amountCny = 120_000m, note = "年度预算" }).Expect(HttpStatusCode.OK);

        var all = await broker.As("finance").Send(HttpMethod.Get, "/api/finance/budget-status?period=2026-10").Expect(HttpStatusCode.OK);
        var own = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/finance/budget?period=2026-10").Expect(HttpStatusCode.OK);

        var status = all.AsArray().Single(s => s!["department"]!.GetValue<string>() == code)!;
        Assert.Equal(own.ToJsonString(), status.ToJsonString());
        Assert.Equal(100_000m, status["budgetToDateCny"]!.GetValue<decimal>());
        Assert.Equal(85_000m, status["actualToDateCny"]!.GetValue<decimal>());
        Assert.Equal(0.85m, status["usedShare"]!.GetValue<decimal>());
        Assert.Equal([0.8m], status["alertsReached"]!.AsArray().Select(t => t!.GetValue<decimal>()));
        Assert.True(status["alert"]!.GetValue<bool>());
        var other = await broker.DepartmentAsync("bud-none");
        await broker.As("dept-reader", other).Send(HttpMethod.Get, $"/api/departments/{other}/finance/budget?period=2026-10").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Trend_and_top_systems_read_the_statements_month_by_month()
    {
        var code = await broker.DepartmentAsync("trend");
        // September: 10 vCPU x 10 h = 100.00. October: tax 10 vCPU x 120 h = 1,200.00, portal 1 vCPU x 33.5 h = 33.50.
        await broker.IntervalAsync(code, "tax", 10, At(9, 10), At(9, 10, 10));
        await broker.IntervalAsync(code, "tax", 10, At(10, 2), At(10, 7));
        await broker.IntervalAsync(code, "portal", 1, At(10, 3), At(10, 4, 9, 30));

        var trend = await broker.As("dept-member", code).Send(HttpMethod.Get, $"/api/departments/{code}/finance/trend?from=2026-08&to=2026-10").Expect(HttpStatusCode.OK);
        var top = await broker.As("finance").Send(HttpMethod.Get, "/api/finance/top-systems?period=2026-10&limit=200").Expect(HttpStatusCode.OK);
        var ownTop = await broker.As("dept-member", code).Send(HttpMethod.Get, $"/api/departments/{code}/finance/top-systems?period=2026-10").Expect(HttpStatusCode.OK);

        Assert.Equal([0m, 100m, 1_233.50m], trend["months"]!.AsArray().Select(m => m!["totalCny"]!.GetValue<decimal>()));
        Assert.Equal(["2026-08", "2026-09", "2026-10"], trend["months"]!.AsArray().Select(m => m!["period"]!.GetValue<string>()));
        Assert.Contains(top.AsArray(), t => t!["department"]!.GetValue<string>() == code && t["systemId"]!.GetValue<string>() == "tax");
        Assert.Equal([("tax", 1_200m), ("portal", 33.50m)], ownTop.AsArray().Select(t => (t!["systemId"]!.GetValue<string>(), t["amountCny"]!.GetValue<decimal>())));
    }

    [Fact]
    public async Task Savings_come_from_the_departments_ledger_intervals_and_statements()
    {
        var code = await broker.DepartmentAsync("savings");
        // Peak 4 vcpu with the default unit cost of 2,500 CNY: 10,000 invested; a month of a five-year write-off is 166.67
        // and the tier-3 rate (unregistered system) of 5% a year on it is 41.67. Charged: 4 vCPU x 25 h = 100.00.
        await broker.IntervalAsync(code, "tax", 4, At(10, 5), At(10, 6, 1), vector: """{"vcpu":4,"vms":1}""");

        var report = await broker.As("dept-admin", code).Send(HttpMethod.Get, $"/api/departments/{code}/finance/savings?from=2026-10&to=2026-10").Expect(HttpStatusCode.OK);

        var department = report["departments"]!.AsArray().Single()!;
        Assert.Equal(10_000m, department["dedicatedInvestmentCny"]!.GetValue<decimal>());
        Assert.Equal(166.67m + 41.67m, department["separateCostCny"]!.GetValue<decimal>());
        Assert.Equal(100m, department["sharedChargedCny"]!.GetValue<decimal>());
        Assert.Equal(2.08m, department["separateToSharedRatio"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_gauges_show_allocations_month_to_date_charges_and_budget_alerts()
    {
        var code = await broker.DepartmentAsync("gauges");
        // Held now: the open interval (6 vcpu, 12 GiB) only; the October one is closed. Month to date on 2 November 09:00
        // in Shanghai: 6 vCPU x 25 h since 1 November 08:00 = 150.00 (memory is not priced on this card).
        await broker.IntervalAsync(code, "tax", 6, At(11, 1, 8), null, memoryGib: 12);
        await broker.IntervalAsync(code, "tax", 100, At(10, 1, 8), At(10, 2, 8));
        // 3,450 spent (January 100 vCPU x 9 h = 900, October 100 x 24 h = 2,400, November 150) against about 838
        // accrued of a 1,000 budget by 2 November: both alerts.
        await broker.IntervalAsync(code, "tax", 100, At(1, 10), At(1, 10, 9));
        await broker.As("finance").Send(HttpMethod.Put, $"/api/finance/budgets/{code}/2026", new { amountCny = 1_000m }).Expect(HttpStatusCode.OK);

        string[] expected =
        [
            $"broker_chargeback_allocated{{department=\"{code}\",dimension=\"vcpu\"}} 6",
            $"broker_chargeback_allocated{{department=\"{code}\",dimension=\"memory_gib\"}} 12",
            $"broker_chargeback_month_to_date_cny{{department=\"{code}\"}} 150",
            $"broker_chargeback_budget_alert{{department=\"{code}\",threshold=\"1.0\"}} 1",
        ];
        // The test drives the refresh the timer would do (the factory's interval is an hour), then scrapes once.
        await broker.Services.GetRequiredService<ChargebackGaugeService>().RefreshAsync(CancellationToken.None);
        var metrics = await broker.As("metrics-reader").GetStringAsync("/metrics");

        Assert.All(expected, e => Assert.Contains(e, metrics, StringComparison.Ordinal));
        Assert.Contains($"broker_chargeback_budget_used_ratio{{department=\"{code}\"}}", metrics, StringComparison.Ordinal);
    }
}
