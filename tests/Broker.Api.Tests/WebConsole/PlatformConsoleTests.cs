using System.Globalization;
using System.Net;
using Broker.Api.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Broker.Api.Tests.WebConsole;

/// <summary>The console as the platform team uses it: systems under review, quotas, capacity, approvals and the audit trail.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PlatformConsoleTests(ConsoleHost host) : ConsolePageTest(host)
{
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
        using var reader = Host.As("dept-reader", department);
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

        using (var other = Host.As("dept-admin", department))
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

        using var admin = Host.As("platform-admin");
        var stored = await admin.Send(HttpMethod.Get, $"/api/platform/departments/{department}").Expect(HttpStatusCode.OK);
        var vcpu = stored["quota"]!["dimensions"]!.AsArray().Single(d => d!["dimension"]!.GetValue<string>() == "vcpu")!;
        Assert.Equal(100000, vcpu["limit"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_platform_team_sees_simulated_pools_labelled_and_approves_an_order_from_its_queue()
    {
        const string department = "finance-bureau";
        var id = await OrderWaitingForThePlatformAsync(department);

        var page = await SignInAsync("platform-operator");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["容量", "待审批", "系统审核", "部门与配额", "服务目录"]);
        await Expect(page.Locator("section[data-pool='room-a']").GetByTestId("simulated-badge")).ToHaveTextAsync("模拟");
        await Expect(page.Locator("section[data-pool='shared-pg']")).ToBeVisibleAsync();
        await Expect(page.Locator("section[data-pool='shared-pg']").GetByTestId("simulated-badge")).ToHaveCountAsync(0);

        using (var operatorApi = Host.As("platform-operator"))
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
        using var reader = Host.As("dept-reader", department);
        var approved = await reader.Send(HttpMethod.Get, $"/api/departments/{department}/orders/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("approved", approved["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_auditor_reads_the_approval_queue_without_deciding_and_gets_no_capacity_page()
    {
        const string department = "district-office";
        var id = await OrderWaitingForThePlatformAsync(department);

        var page = await SignInAsync("auditor");
        await Expect(page.Locator("#tabs a")).ToHaveTextAsync(["待审批", "系统审核", "部门与配额", "服务目录", "审计日志"]);
        await Expect(page.Locator($"tr[data-order='{id}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"approve-{id}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_auditor_filters_the_audit_trail_and_a_department_reads_only_entries_about_itself()
    {
        using var auditorApi = Host.As("auditor");
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
    public async Task A_platform_admin_adds_a_plan_edits_it_into_its_next_version_deprecates_and_retires_it_and_the_auditor_only_reads_the_catalog()
    {
        const string code = "vm-console";
        using var api = Host.As("platform-operator");
        var admin = await SignInAsync("platform-admin");
        await admin.GetByTestId("tab-catalog").ClickAsync();
        await Expect(admin.Locator("tr[data-plan='vm-small']")).ToHaveCountAsync(1);

        // Refused field by field, and nothing is created.
        await admin.GetByTestId("new-plan").ClickAsync();
        await admin.Locator("#plan-code").FillAsync(code);
        await admin.Locator("#plan-vcpu").FillAsync("2");
        await admin.GetByTestId("save-plan").ClickAsync();
        await Expect(admin.Locator("[data-error-for='nameZh']")).Not.ToBeEmptyAsync();
        await Expect(admin.Locator("[data-error-for='vm.memoryGib']")).Not.ToBeEmptyAsync();
        await Expect(admin.Locator("[data-error-for='vm.vcpu']")).ToBeEmptyAsync();
        await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.NotFound);

        await admin.Locator("#plan-name-zh").FillAsync("控制台测试主机");
        await admin.Locator("#plan-name-en").FillAsync("Console test VM");
        await admin.Locator("#plan-tier-silver").CheckAsync();
        await admin.Locator("#plan-memory").FillAsync("4");
        await admin.Locator("#plan-disk").FillAsync("40");
        await admin.Locator("#plan-images").FillAsync("debian-12, kylin-v10");
        await admin.GetByTestId("save-plan").ClickAsync();
        await Expect(admin.GetByTestId("catalog-notice")).ToContainTextAsync(code);
        await Expect(admin.GetByTestId($"plan-version-{code}")).ToHaveTextAsync("1");
        var created = await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal((1, "vm", 2, 4), ((int)created["version"]!, (string)created["kind"]!, (int)created["vm"]!["vcpu"]!, (int)created["vm"]!["memoryGib"]!));
        Assert.Equal(["debian-12", "kylin-v10"], created["vm"]!["images"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(["silver"], created["slaTiers"]!.AsArray().Select(i => (string)i!));

        // The next version: a duplicated image is refused beside the images (the API names the list's item).
        await admin.GetByTestId($"edit-plan-{code}").ClickAsync();
        await Expect(admin.Locator("#plan-memory")).ToHaveValueAsync("4");
        await admin.Locator("#plan-memory").FillAsync("8");
        await admin.Locator("#plan-images").FillAsync("debian-12, debian-12");
        await admin.GetByTestId("save-plan").ClickAsync();
        await Expect(admin.Locator("[data-error-for='vm.images']")).Not.ToBeEmptyAsync();
        Assert.Equal(1, (int)(await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK))["version"]!);
        await admin.Locator("#plan-images").FillAsync("debian-12");
        await admin.GetByTestId("save-plan").ClickAsync();
        await Expect(admin.GetByTestId($"plan-version-{code}")).ToHaveTextAsync("2");
        var next = await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal((2, 8), ((int)next["version"]!, (int)next["vm"]!["memoryGib"]!));
        var first = await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}/versions/1").Expect(HttpStatusCode.OK);
        Assert.Equal(4, (int)first["vm"]!["memoryGib"]!);

        await admin.GetByTestId($"deprecate-plan-{code}").ClickAsync();
        await Expect(admin.Locator($"tr[data-plan='{code}'] [data-state='deprecated']")).ToHaveCountAsync(1);
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.GetByTestId($"retire-plan-{code}").ClickAsync();
        await Expect(admin.Locator($"tr[data-plan='{code}'] [data-state='retired']")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId($"edit-plan-{code}")).ToHaveCountAsync(0);
        Assert.Equal("retired", (string)(await api.Send(HttpMethod.Get, $"/api/catalog/plans/{code}").Expect(HttpStatusCode.OK))["status"]!);

        var auditor = await SignInAsync("auditor");
        await auditor.GetByTestId("tab-catalog").ClickAsync();
        await Expect(auditor.Locator($"tr[data-plan='{code}'] [data-state='retired']")).ToHaveCountAsync(1);
        await Expect(auditor.Locator("tr[data-plan='vm-small'] button")).ToHaveCountAsync(0);
        await Expect(auditor.GetByTestId("new-plan")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_platform_admin_onboards_a_department_with_its_quota_and_suspends_it_while_an_operator_only_reads()
    {
        const string code = "water-bureau";
        using var api = Host.As("platform-operator");
        var admin = await SignInAsync("platform-admin");
        await admin.GetByTestId("tab-departments").ClickAsync();
        await admin.GetByTestId("new-department").ClickAsync();

        // Refused field by field (no names, a negative limit, a contact without a name), and nothing is created.
        await admin.Locator("#dept-code").FillAsync(code);
        await admin.Locator("#new-limit-vcpu").FillAsync("-1");
        await admin.Locator("#dept-contact-phone").FillAsync("0571-87000000");
        await admin.GetByTestId("create-department").ClickAsync();
        await Expect(admin.Locator("[data-error-for='nameZh']")).Not.ToBeEmptyAsync();
        await Expect(admin.Locator("[data-error-for='quota.vcpu']")).Not.ToBeEmptyAsync();
        await Expect(admin.Locator("[data-error-for='contacts[0].name']")).Not.ToBeEmptyAsync();
        await api.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.NotFound);

        await admin.Locator("#dept-name-zh").FillAsync("水务局");
        await admin.Locator("#dept-name-en").FillAsync("Water Bureau");
        await admin.Locator("#dept-parent").SelectOptionAsync("finance-bureau");
        await admin.Locator("#dept-budget-code").FillAsync("BUD-2027-088");
        await admin.Locator("#dept-contact-name").FillAsync("王工");
        await admin.Locator("#new-limit-vcpu").FillAsync("16");
        await admin.Locator("#new-limit-memory_gib").FillAsync("64");
        await admin.Locator("#new-limit-vms").FillAsync("4");
        await admin.GetByTestId("create-department").ClickAsync();
        await Expect(admin.GetByTestId("department-notice")).ToContainTextAsync(code);
        await Expect(admin.Locator($"tr[data-department='{code}'] [data-state='active']")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("department-quota")).ToContainTextAsync("16");
        var created = await api.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal(("水务局", "finance-bureau", "BUD-2027-088"), ((string)created["nameZh"]!, (string)created["parentCode"]!, (string)created["budgetCode"]!));
        Assert.Equal(("王工", "0571-87000000"), ((string)created["contacts"]![0]!["name"]!, (string)created["contacts"]![0]!["phone"]!));
        var limits = created["quota"]!["dimensions"]!.AsArray().ToDictionary(d => (string)d!["dimension"]!, d => (long)d!["limit"]!);
        Assert.Equal((16L, 64L, 4L, 0L), (limits["vcpu"], limits["memory_gib"], limits["vms"], limits["databases"]));

        // The profile: suspended and renamed; the contact is kept.
        await admin.Locator("#profile-name-en").FillAsync("Water Affairs Bureau");
        await admin.Locator("#profile-status").SelectOptionAsync("suspended");
        await admin.GetByTestId("save-profile").ClickAsync();
        await Expect(admin.GetByTestId("profile-notice")).ToContainTextAsync(code);
        await Expect(admin.Locator($"tr[data-department='{code}'] [data-state='suspended']")).ToHaveCountAsync(1);
        var suspended = await api.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal(("suspended", "Water Affairs Bureau", "王工"), ((string)suspended["status"]!, (string)suspended["nameEn"]!, (string)suspended["contacts"]![0]!["name"]!));

        var operatorPage = await SignInAsync("platform-operator");
        await operatorPage.GetByTestId("tab-departments").ClickAsync();
        await operatorPage.GetByTestId($"department-{code}").ClickAsync();
        await Expect(operatorPage.GetByTestId("department-quota")).ToBeVisibleAsync();
        await Expect(operatorPage.GetByTestId("new-department")).ToHaveCountAsync(0);
        await Expect(operatorPage.GetByTestId("profile-form")).ToHaveCountAsync(0);
        await Expect(operatorPage.GetByTestId("quota-form")).ToHaveCountAsync(0);
    }
}
