using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Catalog;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Common;
using Npgsql;
using static Broker.Api.Tests.Hosting.HttpTesting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// Every text field has a maximum and a character set, numbers have ceilings, months end where they end: each bound
/// through HTTP, at the limit accepted and past it refused with its code and field, and a refused request changes
/// nothing (no row, no audit entry).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FieldBoundsTests(BrokerApiFactory broker)
{
    private readonly HttpClient _admin = broker.As("platform-admin");
    private readonly HttpClient _finance = broker.As("finance");

    private static JsonObject DepartmentBody(string code, string nameZh = "测试局", string nameEn = "Test Bureau", JsonArray? contacts = null) => new()
    {
        ["code"] = code,
        ["nameZh"] = nameZh,
        ["nameEn"] = nameEn,
        ["contacts"] = contacts ?? new JsonArray(new JsonObject { ["name"] = "张三", ["phone"] = "010-1234" }),
        ["quota"] = new JsonObject { ["vcpu"] = 8 },
    };

    private async Task<JsonNode> Refused(HttpClient client, HttpMethod method, string url, string? body, string code, string field)
    {
        var before = await broker.LatestAuditId();
        var response = await client.Send(method, url, body, language: "en");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Contains(field, problem.ErrorFields());
        Assert.NotEqual(code, (string)problem["detail"]!);
        Assert.Equal(before, await broker.LatestAuditId());
        return problem;
    }

    [Fact]
    public async Task A_department_name_of_the_maximum_length_is_taken_and_one_character_more_is_refused()
    {
        var longest = NewCode("len");
        await _admin.Send(HttpMethod.Post, "/api/platform/departments", DepartmentBody(longest, nameZh: new string('局', FieldLimits.Name)).ToJsonString())
            .Expect(HttpStatusCode.Created);

        var tooLong = NewCode("len");
        await Refused(_admin, HttpMethod.Post, "/api/platform/departments", DepartmentBody(tooLong, nameZh: new string('局', FieldLimits.Name + 1)).ToJsonString(),
            "field.too-long", "nameZh");
        await _admin.Send(HttpMethod.Get, $"/api/platform/departments/{tooLong}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contacts_are_counted_and_each_of_their_fields_is_bounded()
    {
        var code = NewCode("cnt");
        var many = new JsonArray(Enumerable.Range(0, FieldLimits.Contacts + 1).Select(i => (JsonNode)new JsonObject { ["name"] = $"联系人{i}" }).ToArray());
        await Refused(_admin, HttpMethod.Post, "/api/platform/departments", DepartmentBody(code, contacts: many).ToJsonString(), "field.too-many", "contacts");

        var phone = new JsonArray(new JsonObject { ["name"] = "张三", ["phone"] = new string('1', FieldLimits.Label + 1) });
        await Refused(_admin, HttpMethod.Post, "/api/platform/departments", DepartmentBody(code, contacts: phone).ToJsonString(), "field.too-long", "contacts[0].phone");
        await _admin.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> NulInDepartmentFields() => new()
    {
        { """{"code":"{code}","nameZh":"测试\u0000局","nameEn":"Test","quota":{"vcpu":1}}""", "nameZh" },
        { """{"code":"{code}","nameZh":"测试局","nameEn":"Test","contacts":[{"name":"张\u0000三"}],"quota":{"vcpu":1}}""", "contacts[0].name" },
        { """{"code":"{code}","nameZh":"测试局","nameEn":"Test","contacts":[{"name":"张三","email":"a\u0000@b.gov"}],"quota":{"vcpu":1}}""", "contacts[0].email" },
        { """{"code":"{code}","nameZh":"测试局","nameEn":"Test","budgetCode":"B\u0000","quota":{"vcpu":1}}""", "budgetCode" },
        { """{"code":"{code}","nameZh":"测试局","nameEn":"Test","quota":{"vc\u0000pu":1}}""", "quota" },
        { """{"code":"{code}","nameZh":"测试局","nameEn":"Te\u202Est","quota":{"vcpu":1}}""", "nameEn" },
        { """{"code":"{code}","nameZh":"测试\u200B局","nameEn":"Test","quota":{"vcpu":1}}""", "nameZh" },
        { """{"code":"{code}","nameZh":"测试局\n","nameEn":"Test\u001b[31m","quota":{"vcpu":1}}""", "nameEn" },
    };

    [Theory]
    [MemberData(nameof(NulInDepartmentFields))]
    public async Task A_control_or_invisible_character_in_a_department_field_is_refused_naming_the_field(string template, string field)
    {
        var code = NewCode("nul");
        await Refused(_admin, HttpMethod.Post, "/api/platform/departments", template.Replace("{code}", code, StringComparison.Ordinal), "field.invalid-character", field);
        await _admin.Send(HttpMethod.Get, $"/api/platform/departments/{code}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NUL_in_catalog_order_and_system_texts_is_refused_naming_the_field()
    {
        var plan = NewCode("nulplan");
        await Refused(_admin, HttpMethod.Post, "/api/platform/catalog/plans",
            $$"""{"code":"{{plan}}","kind":"vm","nameZh":"甲","nameEn":"A\u0000","slaTiers":["bronze"],"vm":{"vcpu":2,"memoryGib":4,"systemDiskGib":50,"images":["debian-12"]} }""",
            "field.invalid-character", "nameEn");
        await _admin.Send(HttpMethod.Get, $"/api/catalog/plans/{plan}").Expect(HttpStatusCode.NotFound);

        await Refused(_admin, HttpMethod.Put, "/api/platform/catalog/sla-tiers/gold",
            """{"nameZh":"金\u0000","nameEn":"Gold","availabilityPercent":99.95,"serviceHours":"7x24","rpoMinutes":15,"rtoMinutes":60,"priceMultiplier":1.5}""",
            "field.invalid-character", "nameZh");

        var department = await Systems.SystemBodies.DepartmentAsync(broker, "nulord");
        var member = broker.As("dept-member", department);
        await Refused(member, HttpMethod.Post, $"/api/departments/{department}/orders",
            """{"systemId":"core","planCode":"vm-small\u0000","slaTier":"silver","quantity":1,"image":"debian-12"}""", "field.invalid-character", "planCode");
        await Refused(member, HttpMethod.Post, $"/api/departments/{department}/orders",
            """{"systemId":"core","planCode":"vm-small","slaTier":"silver","quantity":1,"image":"debian-12","note":"\u0000"}""", "field.invalid-character", "note");
        await Refused(member, HttpMethod.Post, $"/api/departments/{department}/orders",
            $$"""{"systemId":"core","planCode":"vm-small","slaTier":"silver","quantity":1,"image":"debian-12","note":"{{new string('x', FieldLimits.Text + 1)}}"}""",
            "field.too-long", "note");
        var orders = await member.Send(HttpMethod.Get, $"/api/departments/{department}/orders").Expect(HttpStatusCode.OK);
        Assert.Empty(orders["items"]!.AsArray());

        var system = Systems.SystemBodies.Registration();
        system["description"] = "第一行\n第二行\u0000";
        await Refused(member, HttpMethod.Put, $"/api/departments/{department}/systems/nul-sys", system.ToJsonString(), "field.invalid-character", "description");
        await member.Send(HttpMethod.Get, $"/api/departments/{department}/systems/nul-sys").Expect(HttpStatusCode.NotFound);

        // Line breaks belong in a description, not in a name.
        system["description"] = "第一行\n第二行";
        system["name"] = "住房\n公积金";
        await Refused(member, HttpMethod.Put, $"/api/departments/{department}/systems/nul-sys", system.ToJsonString(), "field.invalid-character", "name");
        system["name"] = "住房公积金";
        await member.Send(HttpMethod.Put, $"/api/departments/{department}/systems/nul-sys", system.ToJsonString()).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task NUL_in_a_query_value_or_a_budget_note_is_refused_naming_it()
    {
        await Refused(broker.As("auditor"), HttpMethod.Get, "/api/platform/audit?actor=a%00b", null, "field.invalid-character", "actor");
        await Refused(_admin, HttpMethod.Get, "/api/platform/departments?after=x%00", null, "field.invalid-character", "after");

        var department = await Systems.SystemBodies.DepartmentAsync(broker, "nulbud");
        await Refused(_finance, HttpMethod.Put, $"/api/finance/budgets/{department}/2026", """{"amountCny":1000,"note":"年度\u0000预算"}""", "field.invalid-character", "note");
        await Refused(_finance, HttpMethod.Put, $"/api/finance/budgets/{department}/2026",
            $$"""{"amountCny":1000,"note":"{{new string('x', FieldLimits.Note + 1)}}"}""", "field.too-long", "note");
        await Refused(_finance, HttpMethod.Put, $"/api/finance/budgets/{department}/2026", """{"amountCny":1000000000000.01}""", "finance.amount-invalid", "amountCny");
        var budgets = await _finance.Send(HttpMethod.Get, "/api/finance/budgets?year=2026").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(budgets.AsArray(), b => (string)b!["department"]! == department);

        await _finance.Send(HttpMethod.Put, $"/api/finance/budgets/{department}/2026",
            $$"""{"amountCny":1000000000000,"note":"{{new string('x', FieldLimits.Note)}}"}""").Expect(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, string> BadRateCards() => new()
    {
        { """{"effectiveFrom":"2027-01-01","prices":{"vcpuHour":1000000.01}}""", "rate-card.price-out-of-range", "prices.vcpuHour" },
        { """{"effectiveFrom":"2027-01-01","prices":{"memoryGibHour":0.0000001}}""", "rate-card.price-out-of-range", "prices.memoryGibHour" },
        { """{"effectiveFrom":"2027-01-01","prices":{"storageGibMonth":-1}}""", "rate-card.price-negative", "prices.storageGibMonth" },
        { """{"effectiveFrom":"2027-01-01","prices":{"databasePlans":{"pg-single":79228162514264337593543950335}}}""", "rate-card.price-out-of-range", "prices.databasePlans.pg-single" },
        { """{"effectiveFrom":"2027-01-01","prices":{"databasePlans":{"PG single":1}}}""", "plan.code-invalid", "prices.databasePlans" },
        { """{"effectiveFrom":"2027-01-01","prices":{"slaMultipliers":{"gold":100.5}}}""", "rate-card.multiplier-invalid", "prices.slaMultipliers.gold" },
        { """{"effectiveFrom":"2027-01-01","prices":{"slaMultipliers":{"gold":0}}}""", "rate-card.multiplier-invalid", "prices.slaMultipliers.gold" },
        { """{"effectiveFrom":"2027-01-01","prices":{"meters":{"uplink":{"unit":"Mbps\u0000","price":1}}}}""", "field.invalid-character", "prices.meters.uplink.unit" },
        { """{"effectiveFrom":"2027-01-01","prices":{"meters":{"up\u200Blink":{"unit":"Mbps","price":1}}}}""", "field.invalid-character", "prices.meters" },
        { """{"effectiveFrom":"2027-01-01","prices":{"meters":{"uplink":null}}}""", "rate-card.meter-invalid", "prices.meters" },
        { """{"effectiveFrom":"2027-01-01","prices":{"meters":{"uplink":{"unit":"Mbps","price":2000000}}}}""", "rate-card.price-out-of-range", "prices.meters.uplink.price" },
        { """{"effectiveFrom":"2027-01-01","prices":{"chargedWhenStopped":["storage","storage","storage","storage"]}}""", "rate-card.dimension-unknown", "prices.chargedWhenStopped" },
        { """{"effectiveFrom":"0001-01-01","backdatingReason":"old","prices":{}}""", "rate-card.date-out-of-range", "effectiveFrom" },
        { """{"effectiveFrom":"2027-01-01","effectiveTo":"9999-12-31","prices":{}}""", "rate-card.date-out-of-range", "effectiveTo" },
        { """{"effectiveFrom":"2020-01-01","backdatingReason":"price order\u0000","prices":{}}""", "field.invalid-character", "backdatingReason" },
    };

    [Theory]
    [MemberData(nameof(BadRateCards))]
    public async Task A_rate_card_outside_its_bounds_is_refused_naming_the_field_and_no_version_is_written(string body, string code, string field)
    {
        var before = (await _finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count;

        await Refused(_finance, HttpMethod.Post, "/api/finance/rate-cards", body, code, field);

        Assert.Equal(before, (await _finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count);
    }

    [Theory]
    [InlineData("/api/finance/statements/2024-01%0A", "period")]
    [InlineData("/api/finance/statements/2024-01%0A/integrity", "period")]
    [InlineData("/api/finance/exports/2024-01%0A", "period")]
    [InlineData("/api/finance/trend?from=2024-01%0A", "from")]
    [InlineData("/api/finance/budget-status?period=2024-01%0A", "period")]
    public async Task A_month_with_a_trailing_newline_is_no_month(string url, string field)
    {
        var response = await _finance.Send(HttpMethod.Get, url, language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Json()).ErrorFields());
    }

    [Fact]
    public async Task A_department_statement_for_a_month_with_a_trailing_newline_is_refused()
    {
        var department = await Systems.SystemBodies.DepartmentAsync(broker, "nlmonth");
        var problem = await broker.As("dept-reader", department).Send(HttpMethod.Get, $"/api/departments/{department}/statements/2024-01%0A")
            .Expect(HttpStatusCode.BadRequest);
        // The central path check refuses the newline before the handler's month pattern would.
        Assert.Equal("route.value-invalid", (string)problem["code"]!);
        Assert.Contains("period", problem.ErrorFields());
    }

    [Fact]
    public async Task An_import_field_with_NUL_names_its_line_and_field_and_nothing_is_imported()
    {
        var department = await Systems.SystemBodies.DepartmentAsync(broker, "nulimp");
        var csv = $"department,system,meter,quantity,unit,period,sourceId\n{department},core,uplink-mbps,1,Mbps-month,2026-11,src\u0000-1\n"
            + $"{department},core,uplink-mbps,1,Mbps\u200B-month,2026-11,{department}-2\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var response = await _finance.PostAsync("/api/finance/usage-imports", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        var rows = problem["rows"]!.AsArray().Select(r => ((int)r!["line"]!, (string)r["field"]!, (string)r["code"]!, (string?)r["value"])).ToList();
        Assert.Equal([(2, "sourceId", "import.field-invalid-character", "U+0000"), (3, "unit", "import.field-invalid-character", "U+200B")], rows);
        var report = await _finance.Send(HttpMethod.Get, $"/api/finance/usage-imports/{(string)problem["importId"]!}").Expect(HttpStatusCode.OK);
        Assert.Equal((false, 0), ((bool)report["accepted"]!, (int)report["inserted"]!));
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from broker.imported_usage where department = @d", connection);
        count.Parameters.AddWithValue("d", department);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }
}
