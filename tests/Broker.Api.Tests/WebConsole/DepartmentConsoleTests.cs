using System.Globalization;
using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using static Broker.TestSupport.Polling;
using static Microsoft.Playwright.Assertions;

namespace Broker.Api.Tests.WebConsole;

/// <summary>The console as a department uses it: resources, orders and what each department role may do.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DepartmentConsoleTests(ConsoleHost host) : ConsolePageTest(host)
{
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
        await Expect(page.Locator("#who")).ToContainTextAsync("部门管理员");

        await page.Locator("#lang").ClickAsync();
        await Expect(row.GetByTestId("simulated-badge")).ToHaveTextAsync("Simulated");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Resources");
        await Expect(page.Locator("#who")).ToContainTextAsync("department admin");

        // The choice of language outlives a reload; the sign-in lasts as long as the tab.
        await page.ReloadAsync();
        await Expect(page.Locator($"tr[data-resource='{resourceId}']").GetByTestId("simulated-badge")).ToHaveTextAsync("Simulated");
    }

    [Fact]
    public async Task An_orders_progress_shows_how_many_of_its_resources_are_built_in_chinese_and_in_english()
    {
        const string department = "housing-fund";
        var order = await PlaceAsync("dept-member", department, "vm-small", "silver");
        var id = order["id"]!.GetValue<string>();
        Assert.Equal("approved", order["state"]!.GetValue<string>());
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var resource = grains.GetGrain<IResourceGrain>(order["resourceIds"]![0]!.GetValue<string>());
        await Eventually(async () => (await resource.ReconcileAsync())?.State == ResourceState.Ready, TimeSpan.FromSeconds(30));

        var page = await SignInAsync("dept-member", department);
        await page.GetByTestId("tab-orders").ClickAsync();
        var progress = page.GetByTestId($"progress-{id}");
        await Expect(progress).ToHaveAttributeAsync("data-progress", "ready");
        await Expect(progress).ToHaveTextAsync("已全部就绪（1 个）");
        await page.Locator("#lang").ClickAsync();
        await Expect(page.GetByTestId($"progress-{id}")).ToHaveTextAsync("ready (all 1)");
    }

    [Fact]
    public async Task An_order_the_api_refuses_shows_the_message_beside_its_field_and_places_nothing()
    {
        const string department = "social-insurance";
        using var api = Host.As("dept-member", department);
        var before = (await OrdersAsync(department)).Select(o => o["id"]!.GetValue<string>()).ToHashSet();
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
        Assert.Equal(before.Count, await CountOrdersAsync(department));

        await page.Locator("#order-quantity").FillAsync("1");
        var quote = await api.Send(HttpMethod.Get, $"/api/departments/{department}/quote?plan=vm-small&slaTier=silver&quantity=1").Expect(HttpStatusCode.OK);
        var monthly = quote["monthlyTotal"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("quote")).ToHaveTextAsync($"预计每月费用：¥{monthly}");
        await page.GetByTestId("place-order").ClickAsync();
        await Expect(page.GetByTestId("order-notice")).ToContainTextAsync("已提交");
        Assert.Equal(before.Count + 1, await CountOrdersAsync(department));
        await Expect(page.Locator("[data-error-for='quantity']")).ToBeEmptyAsync();
        var placed = (await OrdersAsync(department)).Select(o => o["id"]!.GetValue<string>()).Single(id => !before.Contains(id));
        await Expect(page.Locator($"tr[data-order='{placed}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_department_member_stops_starts_resizes_and_deletes_a_vm_and_reads_a_new_databases_connection_details_once()
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
        await page.GetByTestId($"resize-{vm}").ClickAsync();
        await page.Locator("#resize-plan").SelectOptionAsync("vm-medium");
        await page.GetByTestId("resize-submit").ClickAsync();
        await Expect(page.Locator($"tr[data-resource='{vm}']")).ToContainTextAsync("vm-medium", new() { Timeout = 30_000 });
        await Expect(State(page, vm, "ready")).ToHaveCountAsync(1, settle);
        using (var api = Host.As("dept-reader", department))
        {
            var resized = await api.Send(HttpMethod.Get, $"/api/departments/{department}/resources/{vm}").Expect(HttpStatusCode.OK);
            Assert.Equal("vm-medium", resized["spec"]!["planCode"]!.GetValue<string>());
        }

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
        // The list refreshes itself while the deletion runs; once deleted, the VM is shown only when asked for.
        await Expect(page.Locator($"tr[data-resource='{vm}']")).ToHaveCountAsync(0, settle);
        using var reader = Host.As("dept-reader", department);
        var deleted = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/resources/{vm}").Expect(HttpStatusCode.OK);
        Assert.Equal("deleted", deleted["state"]!.GetValue<string>());
        await Expect(State(page, db, "ready")).ToHaveCountAsync(1);
        await page.Locator("#show-deleted").CheckAsync();
        await Expect(State(page, vm, "deleted")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_department_admin_is_offered_no_approval_of_an_order_they_placed_themselves()
    {
        const string department = "district-office";
        var own = (await PlaceAsync("dept-admin", department, "vm-medium", "gold"))["id"]!.GetValue<string>();
        var members = (await PlaceAsync("dept-member", department, "vm-medium", "gold"))["id"]!.GetValue<string>();

        var admin = await SignInAsync("dept-admin", department);
        await admin.GetByTestId("tab-orders").ClickAsync();

        // The API refuses self-approval (order.self-approval); the page says why instead of offering the button.
        await Expect(admin.GetByTestId($"approve-{members}")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId($"approve-{own}")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId($"own-order-{own}")).ToHaveTextAsync("本人提交的申请须由他人审批");
        await Expect(admin.GetByTestId($"reject-{own}")).ToHaveCountAsync(1);

        // Withdrawn, so that their capacity holds do not stay in the shared room.
        foreach (var (role, id) in new[] { ("dept-admin", own), ("dept-member", members) })
        {
            using var client = Host.As(role, department);
            await client.Send(HttpMethod.Post, $"/api/departments/{department}/orders/{id}/cancel").Expect(HttpStatusCode.OK);
        }
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
    public async Task A_department_reader_sees_only_department_pages_and_no_order_form()
    {
        var page = await SignInAsync("dept-reader", "district-office");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["配额", "业务系统", "申请", "资源", "账单", "费用分析", "审计日志"]);
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
}
