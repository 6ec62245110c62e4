using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Broker.Api.Tests.WebConsole;

/// <summary>Signing in, and the console as finance uses it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInAndFinanceConsoleTests(ConsoleHost host) : ConsolePageTest(host)
{
    [Fact]
    public async Task A_token_the_broker_did_not_issue_is_refused_at_sign_in_and_opens_nothing()
    {
        var page = await NewPageAsync();
        await page.GetByLabel("访问令牌").FillAsync("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("令牌无效或已过期，或不是本平台签发的。");
        await Expect(page.Locator("#tabs a")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('broker.token')"));
    }

    [Fact]
    public async Task When_the_api_stops_accepting_the_token_the_console_returns_to_sign_in_and_forgets_it()
    {
        var page = await SignInAsync("dept-reader", "housing-fund");
        // The broker refusing the token from now on (it expired, or the identity provider revoked it).
        await page.RouteAsync("**/api/**", route => route.FulfillAsync(new() { Status = 401 }));
        await page.GetByTestId("tab-resources").ClickAsync();
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("登录已失效，请重新登录。");
        await Expect(page.Locator("#tabs a")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('broker.token')"));
    }

    [Fact]
    public async Task Finance_reads_every_departments_statement_and_one_departments_total()
    {
        const string period = "2026-11";
        using var api = Host.As("finance");
        var listed = (await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}").Expect(HttpStatusCode.OK)).AsArray();
        var one = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);

        var page = await SignInAsync("finance");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["分摊账单", "费用分析", "预算", "费率", "导入用量"]);
        await page.Locator("#statements-month").FillAsync(period);
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(page.GetByTestId("statements-table").Locator("tbody tr")).ToHaveCountAsync(listed.Count);
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal($"chargeback-{period}.csv", csv.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.Contains("部门 / Department", text, StringComparison.Ordinal);
        Assert.All(listed, s => Assert.Contains(s!["department"]!.GetValue<string>(), text, StringComparison.Ordinal));
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.Equal($"chargeback-{period}.xlsx", xlsx.SuggestedFilename);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync((await xlsx.PathAsync())!))[..2]);

        await page.Locator("tr[data-department='housing-fund'] a").ClickAsync();
        var total = one["total"]!.GetValue<decimal>();
        await Expect(page.GetByTestId("statement-total")).ToHaveTextAsync($"¥{total.ToString("N2", CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public async Task Finance_sets_a_departments_budget_and_sees_it_against_the_actual_with_its_alert()
    {
        const string period = "2026-11";
        var page = await SignInAsync("finance");
        await page.GetByTestId("tab-budgets").ClickAsync();
        await page.Locator("#budget-month").FillAsync(period);
        await page.Locator("#budget-department").FillAsync("social-insurance");
        await page.Locator("#budget-year").FillAsync("2026");
        await page.Locator("#budget-amount").FillAsync("-5");
        await page.GetByTestId("save-budget").ClickAsync();
        await Expect(page.Locator("[data-error-for='amountCny']")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("budget-notice")).ToBeEmptyAsync();

        // A budget far below what the department's statements already charge: the alert fires.
        await page.Locator("#budget-amount").FillAsync("1000");
        await page.GetByTestId("save-budget").ClickAsync();
        await Expect(page.GetByTestId("budget-notice")).ToContainTextAsync("social-insurance");
        var row = page.Locator("tr[data-department='social-insurance']");
        await Expect(row).ToContainTextAsync("¥1,000.00");
        await Expect(row.GetByTestId("alert-social-insurance")).ToBeVisibleAsync();

        using var api = Host.As("finance");
        var status = (await api.Send(HttpMethod.Get, $"/api/finance/budget-status?period={period}").Expect(HttpStatusCode.OK)).AsArray()
            .Single(b => b!["department"]!.GetValue<string>() == "social-insurance")!;
        Assert.Equal(1000m, status["annualBudgetCny"]!.GetValue<decimal>());
        Assert.True(status["alert"]!.GetValue<bool>());
        await Expect(row).ToContainTextAsync($"¥{status["actualToDateCny"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public async Task Finance_explains_the_months_findings_then_closes_it_and_a_month_not_ended_is_refused()
    {
        var now = Shanghai(Host.Time.GetUtcNow());
        var firstOfThisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, now.Offset);
        var firstOfLastMonth = firstOfThisMonth.AddMonths(-1);
        var current = firstOfThisMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var period = firstOfLastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // Usage billed last month for a VM the broker has no record of: the check finds it billed but not existing.
        const string ghost = "housing-fund-ghost-vm";
        await PlantUsageAsync(ghost, "housing-fund", firstOfLastMonth.AddDays(2), firstOfLastMonth.AddDays(3));
        using var api = Host.As("finance");
        var findings = (await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/integrity").Expect(HttpStatusCode.OK)).AsArray();
        Assert.Contains(findings, f => (string)f!["resourceId"]! == ghost && (string)f["kind"]! == "billed-not-existing");

        var page = await SignInAsync("finance");
        page.Dialog += async (_, dialog) => await (dialog.Type == "prompt" ? dialog.AcceptAsync("迁移时的测试数据，已核实无实际资源") : dialog.AcceptAsync());
        var show = page.GetByRole(AriaRole.Button, new() { Name = "查看" });

        // This month has not ended: the close is refused and nothing is frozen.
        await page.Locator("#statements-month").FillAsync(current);
        await show.ClickAsync();
        await page.GetByTestId("close-month").ClickAsync();
        await Expect(page.GetByTestId("close-error")).Not.ToBeEmptyAsync();
        Assert.All((await api.Send(HttpMethod.Get, $"/api/finance/statements/{current}").Expect(HttpStatusCode.OK)).AsArray(), st => Assert.Equal("open", (string)st!["state"]!));

        // Last month: refused while a finding is unexplained; explained one by one, then closed.
        await page.Locator("#statements-month").FillAsync(period);
        await show.ClickAsync();
        await Expect(page.GetByTestId("findings-table").Locator("tbody tr")).ToHaveCountAsync(findings.Count);
        await Expect(page.Locator($"tr[data-finding='{ghost}']")).ToContainTextAsync("计费但资源不存在");
        await page.GetByTestId("close-month").ClickAsync();
        await Expect(page.GetByTestId("close-error")).Not.ToBeEmptyAsync();
        var stillOpen = (await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}").Expect(HttpStatusCode.OK)).AsArray();
        Assert.NotEmpty(stillOpen);
        Assert.All(stillOpen, st => Assert.Equal("open", (string)st!["state"]!));

        var explainButtons = page.Locator("[data-testid^='explain-']");
        var unexplained = findings.Count(f => f!["explanation"] is null);
        for (var left = unexplained; left > 0; left--)
        {
            await Expect(explainButtons).ToHaveCountAsync(left);
            await explainButtons.First.ClickAsync();
        }

        await Expect(explainButtons).ToHaveCountAsync(0);

        await Expect(page.Locator($"tr[data-finding='{ghost}']")).ToContainTextAsync("迁移时的测试数据");
        await page.GetByTestId("close-month").ClickAsync();
        await Expect(page.GetByTestId("statements-notice")).ToContainTextAsync(period);
        await Expect(page.GetByTestId("close-month")).ToHaveCountAsync(0);
        var closed = (await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}").Expect(HttpStatusCode.OK)).AsArray();
        Assert.All(closed, st => Assert.Equal("closed", (string)st!["state"]!));
        Assert.Contains(closed, st => (string)st!["department"]! == "housing-fund");
    }

    [Fact]
    public async Task Finance_publishes_a_rate_card_version_from_next_month_and_a_negative_price_or_an_unexplained_back_date_is_refused()
    {
        using var api = Host.As("finance");
        var before = (await api.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray();
        var latest = before[^1]!["prices"]!;
        var price = latest["vcpuHour"]!.GetValue<decimal>() + 0.01m;
        // The broker's day (its clock is the test's) decides what is back-dated; the form's default start is the first
        // of the browser's next month.
        var today = DateOnly.FromDateTime(Shanghai(Host.Time.GetUtcNow()).DateTime);
        var nextMonth = FirstOfNextMonth(today);
        var browsersNextMonth = FirstOfNextMonth(DateOnly.FromDateTime(Shanghai(DateTimeOffset.UtcNow).DateTime));

        var page = await SignInAsync("finance");
        await page.GetByTestId("tab-rateCards").ClickAsync();
        var rows = page.GetByTestId("rate-cards-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(before.Count);
        await Expect(page.Locator("#card-from")).ToHaveValueAsync(browsersNextMonth);

        await page.Locator("#card-vcpu-hour").FillAsync("-0.1");
        await page.GetByTestId("save-rate-card").ClickAsync();
        // The API names the price itself, so the message sits beside the vCPU field.
        await Expect(page.Locator("[data-error-for='prices.vcpuHour']")).Not.ToBeEmptyAsync();
        await page.Locator("#card-vcpu-hour").FillAsync(price.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#card-from").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByTestId("save-rate-card").ClickAsync();
        await Expect(page.Locator("[data-error-for='backdatingReason']")).Not.ToBeEmptyAsync();
        Assert.Equal(before.Count, (await api.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count);

        await page.Locator("#card-from").FillAsync(nextMonth);
        await page.GetByTestId("save-rate-card").ClickAsync();
        await Expect(page.GetByTestId("rate-card-notice")).ToContainTextAsync(nextMonth);
        await Expect(rows).ToHaveCountAsync(before.Count + 1);
        var after = (await api.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray();
        var published = after[^1]!;
        Assert.Equal((before.Count + 1, nextMonth, price), (after.Count, (string)published["effectiveFrom"]!, published["prices"]!["vcpuHour"]!.GetValue<decimal>()));
        // What the form did not change is the latest card's, as it was.
        Assert.True(JsonNode.DeepEquals(latest["databasePlans"], published["prices"]!["databasePlans"]));
        Assert.True(JsonNode.DeepEquals(latest["slaMultipliers"], published["prices"]!["slaMultipliers"]));
        Assert.True(JsonNode.DeepEquals(latest["meters"], published["prices"]!["meters"]));
        Assert.Equal(latest["memoryGibHour"]!.GetValue<decimal>(), published["prices"]!["memoryGibHour"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Finance_and_a_department_read_the_savings_and_monthly_totals_the_api_gives_each_of_them()
    {
        using var financeApi = Host.As("finance");
        var all = await financeApi.Send(HttpMethod.Get, "/api/finance/savings").Expect(HttpStatusCode.OK);
        var trends = (await financeApi.Send(HttpMethod.Get, "/api/finance/trend").Expect(HttpStatusCode.OK)).AsArray();
        var finance = await SignInAsync("finance");
        await finance.GetByTestId("tab-costs").ClickAsync();
        await Expect(finance.GetByTestId("separate-cost")).ToHaveTextAsync(Money(all["separateCostCny"]!));
        await Expect(finance.GetByTestId("shared-charged")).ToHaveTextAsync(Money(all["sharedChargedCny"]!));
        await Expect(finance.GetByTestId("saved")).ToHaveTextAsync(Money(all["savingsCny"]!));
        await Expect(finance.GetByTestId("savings-table").Locator("tbody tr")).ToHaveCountAsync(all["departments"]!.AsArray().Count);
        await Expect(finance.GetByTestId("trend-table").Locator("tbody tr")).ToHaveCountAsync(trends.Count);

        const string department = "housing-fund";
        using var departmentApi = Host.As("dept-reader", department);
        var own = await departmentApi.Send(HttpMethod.Get, $"/api/departments/{department}/finance/savings").Expect(HttpStatusCode.OK);
        var ownTrend = await departmentApi.Send(HttpMethod.Get, $"/api/departments/{department}/finance/trend").Expect(HttpStatusCode.OK);
        var reader = await SignInAsync("dept-reader", department);
        await reader.GetByTestId("tab-costs").ClickAsync();
        await Expect(reader.GetByTestId("saved")).ToHaveTextAsync(Money(own["savingsCny"]!));
        await Expect(reader.GetByTestId("shared-charged")).ToHaveTextAsync(Money(own["sharedChargedCny"]!));
        await Expect(reader.GetByTestId("savings-table").Locator("tbody tr")).ToHaveCountAsync(own["departments"]![0]!["systems"]!.AsArray().Count);
        var rows = reader.GetByTestId("trend-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-department", department);
        await Expect(rows.First.Locator("td").Last).ToHaveTextAsync(Money(ownTrend["totalCny"]!));
    }

    private static string Money(JsonNode amount)
    {
        var value = amount.GetValue<decimal>();
        return (value < 0 ? "-¥" : "¥") + Math.Abs(value).ToString("N2", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Finance_uploads_usage_a_bad_file_is_refused_line_by_line_and_keeps_nothing_and_a_good_one_imports_once()
    {
        var period = Shanghai(Host.Time.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        const string header = "department,system,meter,quantity,unit,period,sourceId";
        var bad = $"{header}\nhousing-fund,core,uplink-mbps,abc,Mbps-month,{period},console-import-1\n";
        var good = $"{header}\nhousing-fund,core,uplink-mbps,100,Mbps-month,{period},console-import-1\n";
        using var api = Host.As("finance");
        var before = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);

        var page = await SignInAsync("finance");
        await page.GetByTestId("tab-imports").ClickAsync();
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "usage-bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await page.GetByTestId("upload").ClickAsync();
        await Expect(page.GetByTestId("import-error")).Not.ToBeEmptyAsync();
        var errors = page.GetByTestId("import-errors").Locator("tbody tr");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.First).ToContainTextAsync("line 2: quantity");
        var unchanged = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);
        Assert.Equal(before["total"]!.GetValue<decimal>(), unchanged["total"]!.GetValue<decimal>());

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "usage.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await page.GetByTestId("upload").ClickAsync();
        await Expect(page.GetByTestId("import-notice")).ToContainTextAsync("新增 1 行");
        var imported = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);
        Assert.True(imported["total"]!.GetValue<decimal>() > before["total"]!.GetValue<decimal>());

        // The same file again: its line was imported before and is skipped, so nothing is counted twice.
        await page.GetByTestId("upload").ClickAsync();
        await Expect(page.GetByTestId("import-notice")).ToContainTextAsync("新增 0 行，跳过已导入的 1 行");
        var again = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);
        Assert.Equal(imported["total"]!.GetValue<decimal>(), again["total"]!.GetValue<decimal>());
    }

    private static DateTimeOffset Shanghai(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static string FirstOfNextMonth(DateOnly day) =>
        new DateOnly(day.Year, day.Month, 1).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task PlantUsageAsync(string resourceId, string department, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            insert into broker.usage_intervals (resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version,
                sla_tier, running, vcpu, memory_gib, storage_gib, instances, vector, started_at, ended_at)
            values (@id, 3, 4, @department, 'core', 'vm', 'vm-small', 1, 'silver', true, 2, 4, 50, 1,
                '{"vcpu":2,"memory_gib":4,"storage_gib":50,"vms":1}', @from, @to)
            """, connection);
        insert.Parameters.AddWithValue("id", resourceId);
        insert.Parameters.AddWithValue("department", department);
        insert.Parameters.AddWithValue("from", from.UtcDateTime);
        insert.Parameters.AddWithValue("to", to.UtcDateTime);
        await insert.ExecuteNonQueryAsync();
    }
}
