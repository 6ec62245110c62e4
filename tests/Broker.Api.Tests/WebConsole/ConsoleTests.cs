using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Broker.Api.Tests.WebConsole;

/// <summary>
/// The web console in a real browser against the whole broker: what each audience sees, in both languages, and that
/// the console changes things only through the API's own checks. Each test uses its own demo department (or none).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleHost host) : IAsyncLifetime
{
    private readonly List<string> _browserErrors = [];
    private readonly List<IPage> _pages = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.Context.CloseAsync();
        }

        // A script error or a policy violation anywhere in the test fails it, even when the page looked right.
        Assert.Empty(_browserErrors);
    }

    [Fact]
    public async Task A_department_admin_sees_the_simulated_label_on_a_resource_in_chinese_and_in_english()
    {
        var order = await PlaceAsync("dept-admin", "housing-fund", "vm-small", "silver");
        var resourceId = order["resourceIds"]![0]!.GetValue<string>();

        var page = await SignInAsync("dept-admin", "housing-fund");
        await page.GetByTestId("tab-resources").ClickAsync();
        var row = page.Locator($"tr[data-resource='{resourceId}']");
        await Expect(row.GetByTestId("simulated-badge")).ToHaveTextAsync("模拟");
        await Expect(page.Locator("h1")).ToHaveTextAsync("资源");

        await page.Locator("#lang").ClickAsync();
        await Expect(row.GetByTestId("simulated-badge")).ToHaveTextAsync("Simulated");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Resources");

        // The choice of language outlives a reload; the sign-in lasts as long as the tab.
        await page.ReloadAsync();
        await Expect(page.Locator($"tr[data-resource='{resourceId}']").GetByTestId("simulated-badge")).ToHaveTextAsync("Simulated");
    }

    [Fact]
    public async Task An_order_the_api_refuses_shows_the_message_beside_its_field_and_places_nothing()
    {
        const string department = "social-insurance";
        using var api = host.As("dept-member", department);
        var before = await CountOrdersAsync(department);
        var expected = await api.Send(HttpMethod.Post, $"/api/departments/{department}/orders",
            new { systemId = "core", planCode = "vm-small", slaTier = "silver", quantity = 0, image = "debian-12" }, language: "zh-CN")
            .Expect(HttpStatusCode.BadRequest);

        var page = await SignInAsync("dept-member", department);
        await page.GetByTestId("tab-orders").ClickAsync();
        await page.Locator("#order-plan").SelectOptionAsync("vm-small");
        await page.Locator("#order-tier").SelectOptionAsync("silver");
        await page.Locator("#order-quantity").FillAsync("0");
        await page.GetByTestId("place-order").ClickAsync();
        await Expect(page.Locator("[data-error-for='quantity']")).ToHaveTextAsync(expected["errors"]!["quantity"]![0]!.GetValue<string>());
        await Expect(page.GetByTestId("form-error")).ToHaveTextAsync(expected["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountOrdersAsync(department));

        await page.Locator("#order-quantity").FillAsync("1");
        var quote = await api.Send(HttpMethod.Get, $"/api/departments/{department}/quote?plan=vm-small&slaTier=silver&quantity=1").Expect(HttpStatusCode.OK);
        var monthly = quote["monthlyTotal"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("quote")).ToHaveTextAsync($"预计每月费用：¥{monthly}");
        await page.GetByTestId("place-order").ClickAsync();
        await Expect(page.GetByTestId("order-notice")).ToContainTextAsync("已提交");
        Assert.Equal(before + 1, await CountOrdersAsync(department));
        await Expect(page.Locator("[data-error-for='quantity']")).ToBeEmptyAsync();
        var placed = (await OrdersAsync(department)).Single(o => o["request"]!["quantity"]!.GetValue<int>() == 1 && o["orderedBy"]!.GetValue<string>() == $"dept-member@{department}");
        await Expect(page.Locator($"tr[data-order='{placed["id"]!.GetValue<string>()}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_department_member_stops_starts_and_deletes_a_vm_and_reads_a_new_databases_connection_details_once()
    {
        const string department = "social-insurance";
        var vm = (await PlaceAsync("dept-member", department, "vm-small", "silver"))["resourceIds"]![0]!.GetValue<string>();
        var db = (await PlaceAsync("dept-member", department, "pg-single", "silver"))["resourceIds"]![0]!.GetValue<string>();
        var page = await SignInAsync("dept-member", department);
        await page.GetByTestId("tab-resources").ClickAsync();

        // The list refreshes itself while anything is still on its way, so these wait for the broker, not a reload.
        var settle = new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 };
        await Expect(State(page, vm, "ready")).ToHaveCountAsync(1, settle);
        await page.GetByTestId($"stop-{vm}").ClickAsync();
        await Expect(State(page, vm, "stopped")).ToHaveCountAsync(1, settle);
        await page.GetByTestId($"start-{vm}").ClickAsync();
        await Expect(State(page, vm, "ready")).ToHaveCountAsync(1, settle);

        await Expect(State(page, db, "ready")).ToHaveCountAsync(1, settle);
        await page.GetByTestId($"credentials-{db}").ClickAsync();
        var shown = page.GetByTestId("credentials");
        var password = await shown.GetByTestId("db-password").InnerTextAsync();
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = await shown.GetByTestId("db-host").InnerTextAsync(),
            Port = int.Parse(await shown.GetByTestId("db-port").InnerTextAsync(), CultureInfo.InvariantCulture),
            Database = await shown.GetByTestId("db-database").InnerTextAsync(),
            Username = await shown.GetByTestId("db-username").InnerTextAsync(),
            Password = password,
            Pooling = false,
        };
        await using (var session = new NpgsqlConnection(connection.ConnectionString))
        {
            await session.OpenAsync();
            await using var who = new NpgsqlCommand("select current_user", session);
            Assert.Equal(connection.Username, (string?)await who.ExecuteScalarAsync());
        }

        Assert.DoesNotContain(password, await page.EvaluateAsync<string>("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"), StringComparison.Ordinal);
        // A second look is a reset, which is the dept-admin's: the member is refused and no password is shown.
        await page.GetByTestId($"credentials-{db}").ClickAsync();
        await Expect(page.GetByTestId("resource-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("credentials")).ToHaveCountAsync(0);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId($"delete-{vm}").ClickAsync();
        await Expect(page.Locator($"tr[data-resource='{vm}'] [data-state='deleting'], tr[data-resource='{vm}'] [data-state='deleted']")).ToHaveCountAsync(1, settle);
        using var reader = host.As("dept-reader", department);
        var deleted = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/resources/{vm}").Expect(HttpStatusCode.OK);
        Assert.Contains(deleted["state"]!.GetValue<string>(), new[] { "deleting", "deleted" });
    }

    [Fact]
    public async Task A_department_admin_rejects_a_pending_order_with_a_reason_and_a_member_withdraws_another()
    {
        const string department = "district-office";
        var rejected = (await PlaceAsync("dept-member", department, "vm-medium", "gold"))["id"]!.GetValue<string>();
        var withdrawn = (await PlaceAsync("dept-member", department, "vm-medium", "gold"))["id"]!.GetValue<string>();

        var admin = await SignInAsync("dept-admin", department);
        await admin.GetByTestId("tab-orders").ClickAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync("不在本年度预算内");
        await admin.GetByTestId($"reject-{rejected}").ClickAsync();
        await Expect(admin.GetByTestId($"reason-{rejected}")).ToHaveTextAsync(" 不在本年度预算内");
        await Expect(admin.Locator($"tr[data-order='{rejected}'] [data-state='rejected']")).ToHaveCountAsync(1);

        var member = await SignInAsync("dept-member", department);
        await member.GetByTestId("tab-orders").ClickAsync();
        await Expect(member.GetByTestId($"approve-{withdrawn}")).ToHaveCountAsync(0);
        await member.GetByTestId($"cancel-{withdrawn}").ClickAsync();
        await Expect(member.Locator($"tr[data-order='{withdrawn}'] [data-state='cancelled']")).ToHaveCountAsync(1);

        var orders = (await OrdersAsync(department)).ToDictionary(o => o["id"]!.GetValue<string>());
        Assert.Equal("rejected", orders[rejected]["state"]!.GetValue<string>());
        Assert.Equal("不在本年度预算内", orders[rejected]["reason"]!.GetValue<string>());
        Assert.Equal("cancelled", orders[withdrawn]["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_department_registers_a_system_with_its_three_declarations_and_the_platform_admin_grants_or_refuses_an_envelope()
    {
        const string department = "housing-fund";
        var page = await SignInAsync("dept-admin", department);
        await page.GetByTestId("tab-systems").ClickAsync();
        await page.Locator("#system-id").FillAsync("permits");
        await page.GetByTestId("register-system").ClickAsync();
        await Expect(page.Locator("[data-error-for='name']")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("[data-error-for='buildInvestmentCny']")).Not.ToBeEmptyAsync();
        using var reader = host.As("dept-reader", department);
        await reader.Send(HttpMethod.Get, $"/api/departments/{department}/systems/permits").Expect(HttpStatusCode.NotFound);

        await page.Locator("#system-name").FillAsync("不动产登记系统");
        await page.Locator("#system-category").SelectOptionAsync("business-application");
        await page.Locator("#system-tier").SelectOptionAsync("2");
        await page.Locator("#system-investment").FillAsync("3000000");
        await page.Locator("#system-zone").SelectOptionAsync("extranet");
        await page.Locator("#system-scope").SelectOptionAsync("cross-department");
        await page.Locator("#system-entries").FillAsync("不动产登记信息，权属信息");
        await page.GetByTestId("register-system").ClickAsync();
        await Expect(page.GetByTestId("system-notice")).ToContainTextAsync("¥240,000.00 – ¥300,000.00"); // tier 2: 8 %-10 % a year
        await Expect(page.Locator("tr[data-system='permits'] [data-state='proposed']")).ToHaveCountAsync(1);
        var registered = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/systems/permits").Expect(HttpStatusCode.OK);
        Assert.Equal("cross-department", registered["declarations"]!["sharingScope"]!.GetValue<string>());
        Assert.Equal(["不动产登记信息", "权属信息"], registered["declarations"]!["sharedCatalogEntries"]!.AsArray().Select(e => e!.GetValue<string>()));

        using (var other = host.As("dept-admin", department))
        {
            await other.Send(HttpMethod.Put, $"/api/departments/{department}/systems/kiosk", new
            {
                name = "自助终端", omTier = 3, buildInvestmentCny = 500000, category = "business-application",
                declarations = new { onSharedCloud = true, networkZone = "internet", sharingScope = "none", sharedCatalogEntries = Array.Empty<string>() },
            }).Expect(HttpStatusCode.Created);
        }

        var platform = await SignInAsync("platform-admin");
        await platform.GetByTestId("tab-reviews").ClickAsync();
        await platform.GetByTestId($"review-{department}-permits").ClickAsync();
        await platform.Locator("#envelope-vcpu").FillAsync("8");
        await platform.Locator("#envelope-memory_gib").FillAsync("32");
        await platform.Locator("#envelope-vms").FillAsync("4");
        await platform.Locator("#envelope-period").SelectOptionAsync("total");
        await platform.GetByTestId("approve-system").ClickAsync();
        await Expect(platform.GetByTestId("review-notice")).ToContainTextAsync("permits");
        await Expect(platform.Locator($"tr[data-system='{department}/permits']")).ToHaveCountAsync(0);

        // A refusal needs a note: without one the API says so beside the field and nothing changes.
        await platform.GetByTestId($"review-{department}-kiosk").ClickAsync();
        await platform.GetByTestId("reject-system").ClickAsync();
        await Expect(platform.Locator("[data-error-for='note']")).Not.ToBeEmptyAsync();
        await platform.Locator("#review-note").FillAsync("请使用统一自助服务平台");
        await platform.GetByTestId("reject-system").ClickAsync();
        await Expect(platform.Locator($"tr[data-system='{department}/kiosk']")).ToHaveCountAsync(0);

        var approved = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/systems/permits").Expect(HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal("total", approved["envelope"]!["period"]!.GetValue<string>());
        Assert.Equal(8, approved["envelope"]!["vector"]!["vcpu"]!.GetValue<long>());
        var refused = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/systems/kiosk").Expect(HttpStatusCode.OK);
        Assert.Equal("rejected", refused["status"]!.GetValue<string>());

        await page.GetByTestId("tab-orders").ClickAsync();
        await page.GetByTestId("tab-systems").ClickAsync();
        await Expect(page.Locator("tr[data-system='permits'] [data-state='approved']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-system='kiosk']")).ToContainTextAsync("请使用统一自助服务平台");
    }

    [Fact]
    public async Task A_platform_admin_raises_a_quota_past_the_pools_and_is_warned_and_a_negative_limit_changes_nothing()
    {
        const string department = "district-office";
        var page = await SignInAsync("platform-admin");
        await page.GetByTestId("tab-departments").ClickAsync();
        await page.GetByTestId($"department-{department}").ClickAsync();
        await page.Locator("#limit-vcpu").FillAsync("100000");
        await page.GetByTestId("save-quota").ClickAsync();
        await Expect(page.GetByTestId("quota-notice")).ToContainTextAsync(department);
        await Expect(page.GetByTestId("overbooked")).ToContainTextAsync("vcpu=");

        await page.Locator("#limit-vcpu").FillAsync("-1");
        await page.GetByTestId("save-quota").ClickAsync();
        await Expect(page.Locator("[data-error-for='limits.vcpu']")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("quota-notice")).ToBeEmptyAsync();

        using var admin = host.As("platform-admin");
        var stored = await admin.Send(HttpMethod.Get, $"/api/platform/departments/{department}").Expect(HttpStatusCode.OK);
        var vcpu = stored["quota"]!["dimensions"]!.AsArray().Single(d => d!["dimension"]!.GetValue<string>() == "vcpu")!;
        Assert.Equal(100000, vcpu["limit"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_auditor_filters_the_audit_trail_and_a_department_reads_only_entries_about_itself()
    {
        using var auditorApi = host.As("auditor");
        var expected = (await auditorApi.Send(HttpMethod.Get, "/api/platform/audit?department=housing-fund&objectType=department").Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.NotEmpty(expected);

        var auditor = await SignInAsync("auditor");
        await auditor.GetByTestId("tab-audit").ClickAsync();
        await auditor.Locator("#audit-department").FillAsync("housing-fund");
        await auditor.Locator("#audit-object-type").FillAsync("department");
        await auditor.GetByTestId("audit-search").ClickAsync();
        var rows = auditor.GetByTestId("audit-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        await Expect(rows.First).ToHaveAttributeAsync("data-audit", expected[0]!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        await Expect(rows.First.Locator("td").Nth(4)).ToHaveTextAsync(expected[0]!["action"]!.GetValue<string>());

        const string department = "finance-bureau";
        await PlaceAsync("dept-member", department, "vm-small", "silver");
        var reader = await SignInAsync("dept-reader", department);
        await reader.GetByTestId("tab-audit").ClickAsync();
        var departments = reader.GetByTestId("audit-table").Locator("tbody tr td:nth-child(3)");
        await Expect(departments.First).ToHaveTextAsync(department);
        Assert.All(await departments.AllInnerTextsAsync(), text => Assert.Equal(department, text));
        await Expect(reader.Locator("#audit-department")).ToHaveCountAsync(0);
    }

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
    public async Task A_department_reader_sees_only_department_pages_and_no_order_form()
    {
        var page = await SignInAsync("dept-reader", "district-office");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["配额", "业务系统", "申请", "资源", "账单", "审计日志"]);
        await Expect(page.GetByTestId("quota-table").Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("quota-table")).ToContainTextAsync("虚拟CPU");

        await page.GetByTestId("tab-bill").ClickAsync();
        await page.Locator("#bill-month").FillAsync("2026-11");
        var bill = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal("chargeback-district-office-2026-11.csv", bill.SuggestedFilename);

        await page.GetByTestId("tab-orders").ClickAsync();
        await Expect(page.GetByText("只读角色不能提交申请。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-form")).ToHaveCountAsync(0);

        // The token sits in this tab's session storage only: not in the address, not in storage that outlives the tab.
        Assert.NotNull(await page.EvaluateAsync<string?>("sessionStorage.getItem('broker.token')"));
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('broker.token')"));
        Assert.DoesNotContain("eyJ", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_team_sees_simulated_pools_labelled_and_approves_an_order_from_its_queue()
    {
        const string department = "finance-bureau";
        var order = await PlaceAsync("dept-member", department, "vm-medium", "gold");
        var id = order["id"]!.GetValue<string>();
        using (var admin = host.As("dept-admin", department))
        {
            await admin.Send(HttpMethod.Post, $"/api/departments/{department}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        }

        var page = await SignInAsync("platform-operator");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["容量", "待审批", "系统审核", "部门与配额"]);
        await Expect(page.Locator("section[data-pool='room-a']").GetByTestId("simulated-badge")).ToHaveTextAsync("模拟");
        await Expect(page.Locator("section[data-pool='shared-pg']")).ToBeVisibleAsync();
        await Expect(page.Locator("section[data-pool='shared-pg']").GetByTestId("simulated-badge")).ToHaveCountAsync(0);

        using (var operatorApi = host.As("platform-operator"))
        {
            var fit = await operatorApi.Send(HttpMethod.Get, "/api/platform/capacity/plans/vm-large/fit?zone=internet").Expect(HttpStatusCode.OK);
            await page.Locator("#fit-plan").SelectOptionAsync("vm-large");
            await page.Locator("#fit-zone").SelectOptionAsync("internet");
            await page.GetByTestId("ask-fit").ClickAsync();
            await Expect(page.GetByTestId("fit-answer").Locator("p")).ToHaveTextAsync($"规格 vm-large 还能再开 {fit["total"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture)} 个。");
            await Expect(page.GetByTestId("fit-table").Locator("tbody tr")).ToHaveCountAsync(fit["pools"]!.AsArray().Count);
        }

        await page.GetByTestId("tab-approvals").ClickAsync();
        await page.GetByTestId($"approve-{id}").ClickAsync();
        await Expect(page.GetByTestId("approval-notice")).ToContainTextAsync(id);
        await Expect(page.Locator($"tr[data-order='{id}']")).ToHaveCountAsync(0);
        using var reader = host.As("dept-reader", department);
        var approved = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/orders/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("approved", approved["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_auditor_reads_the_approval_queue_without_deciding_and_gets_no_capacity_page()
    {
        const string department = "district-office";
        var id = (await PlaceAsync("dept-member", department, "vm-medium", "gold"))["id"]!.GetValue<string>();
        using (var admin = host.As("dept-admin", department))
        {
            await admin.Send(HttpMethod.Post, $"/api/departments/{department}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        }

        var page = await SignInAsync("auditor");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["待审批", "系统审核", "部门与配额", "审计日志"]);
        await Expect(page.Locator($"tr[data-order='{id}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"approve-{id}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Finance_reads_every_departments_statement_and_one_departments_total()
    {
        const string period = "2026-11";
        using var api = host.As("finance");
        var listed = (await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}").Expect(HttpStatusCode.OK)).AsArray();
        var one = await api.Send(HttpMethod.Get, $"/api/finance/statements/{period}/departments/housing-fund").Expect(HttpStatusCode.OK);

        var page = await SignInAsync("finance");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["分摊账单"]);
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

    private static ILocator State(IPage page, string resourceId, string state) =>
        page.Locator($"tr[data-resource='{resourceId}'] [data-state='{state}']");

    private async Task<IPage> NewPageAsync()
    {
        var page = await host.NewPageAsync();
        Watch(page);
        return page;
    }

    private async Task<IPage> SignInAsync(string role, string? department = null)
    {
        var page = await host.SignedInAsync(role, department);
        Watch(page);
        return page;
    }

    private void Watch(IPage page)
    {
        _pages.Add(page);
        page.PageError += (_, error) => _browserErrors.Add(error);
        // The API's refusals (a 400 for a bad field, a 401 for a bad token) are answers the console shows, and the
        // browser logs each as a failed load; anything else failing to load (a script, a style) is an error.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !new Uri(response.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                _browserErrors.Add($"{response.Status} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _browserErrors.Add(message.Text);
            }
        };
    }

    private async Task<JsonNode> PlaceAsync(string role, string department, string plan, string tier)
    {
        using var client = host.As(role, department);
        object body = plan.StartsWith("pg-", StringComparison.Ordinal)
            ? new { systemId = "core", planCode = plan, slaTier = tier, quantity = 1, databaseName = "ledger" }
            : new { systemId = "core", planCode = plan, slaTier = tier, quantity = 1, image = "debian-12" };
        return await client.Send(HttpMethod.Post, $"/api/departments/{department}/orders", body).Expect(HttpStatusCode.Created);
    }

    private async Task<List<JsonNode>> OrdersAsync(string department)
    {
        using var client = host.As("dept-reader", department);
        var page = await client.Send(HttpMethod.Get, $"/api/departments/{department}/orders?limit=200").Expect(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(o => o!).ToList();
    }

    private async Task<int> CountOrdersAsync(string department) => (await OrdersAsync(department)).Count;
}
