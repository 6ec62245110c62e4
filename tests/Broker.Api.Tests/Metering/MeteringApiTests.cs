using System.Net;
using System.Text;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Systems.SystemBodies;

namespace Broker.Api.Tests.Metering;

/// <summary>The chargeback HTTP surface: finance's endpoints for finance only, a department's bill and quote for itself only.</summary>
[Collection(ApiCollection.Name)]
public sealed class MeteringApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _finance = broker.As("finance");

    private static object Card(string from, string? reason = null) => new
    {
        effectiveFrom = from,
        backdatingReason = reason,
        prices = new
        {
            vcpuHour = 0.05m,
            memoryGibHour = 0.01m,
            storageGibMonth = 0.3m,
            meters = new Dictionary<string, object> { ["uplink-mbps"] = new { unit = "Mbps-month", price = 10m } },
            slaMultipliers = new Dictionary<string, decimal> { ["bronze"] = 1m, ["gold"] = 1.5m },
        },
    };

    [Fact]
    public async Task Finance_writes_rate_cards_and_back_dating_without_a_reason_is_refused_naming_the_field()
    {
        var refused = await _finance.Send(HttpMethod.Post, "/api/finance/rate-cards", Card("2026-01-01"), language: "en").Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(refused["errors"]!["backdatingReason"]);
        var zh = await _finance.Send(HttpMethod.Post, "/api/finance/rate-cards", Card("2026-01-01"), language: "zh-CN").Expect(HttpStatusCode.BadRequest);
        Assert.Contains("理由", (string)zh["detail"]!, StringComparison.Ordinal);
        var before = (await _finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count;

        var created = await _finance.Send(HttpMethod.Post, "/api/finance/rate-cards", Card("2026-01-01", "price order 17")).Expect(HttpStatusCode.Created);

        Assert.Equal("price order 17", (string)created["backdatingReason"]!);
        var after = (await _finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(before + 1, after.Count);
        Assert.Equal((int)created["version"]!, (int)after[^1]!["version"]!);
    }

    [Fact]
    public async Task Only_finance_reaches_the_finance_endpoints() =>
        await AuthorizationMatrix.CheckAsync(broker,
        [
            .. from role in new[] { "dept-admin", "platform-admin", "auditor" }
               let department = role.StartsWith("dept", StringComparison.Ordinal) ? "some-dept" : null
               from request in new (HttpMethod Method, string Route, object? Body)[]
               {
                   (HttpMethod.Get, "/api/finance/rate-cards", null),
                   (HttpMethod.Post, "/api/finance/rate-cards", Card("2027-01-01")),
                   (HttpMethod.Get, "/api/finance/statements/2026-11", null),
                   (HttpMethod.Post, "/api/finance/statements/2026-10/close", null),
               }
               select new AuthorizationMatrix.Row(role, role, department, request.Method, request.Route, request.Body, HttpStatusCode.Forbidden),
            new AuthorizationMatrix.Row("anonymous", null, null, HttpMethod.Get, "/api/finance/rate-cards", null, HttpStatusCode.Unauthorized),
        ]);

    [Fact]
    public async Task A_department_reads_its_own_statement_and_quote_and_another_department_gets_404()
    {
        var own = await DepartmentAsync(broker, "bill");
        var other = await DepartmentAsync(broker, "bill-other");
        await _finance.Send(HttpMethod.Post, "/api/finance/rate-cards", Card("2026-01-01", "test card")).Expect(HttpStatusCode.Created);
        var reader = broker.As("dept-reader", own);

        var statement = await reader.Send(HttpMethod.Get, $"/api/departments/{own}/statements/2026-11").Expect(HttpStatusCode.OK);
        Assert.Equal((own, "open", "CNY"), ((string)statement["department"]!, (string)statement["state"]!, (string)statement["currency"]!));
        await reader.Send(HttpMethod.Get, $"/api/departments/{other}/statements/2026-11").Expect(HttpStatusCode.NotFound);
        await reader.Send(HttpMethod.Get, $"/api/departments/{other}/quote?plan=vm-small&slaTier=gold&quantity=1").Expect(HttpStatusCode.NotFound);
        var bad = await reader.Send(HttpMethod.Get, $"/api/departments/{own}/statements/2026-13").Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["period"]);

        var plan = NewId("qplan");
        await broker.As("platform-admin").Send(HttpMethod.Post, "/api/platform/catalog/plans", new
        {
            code = plan, kind = "vm", nameZh = "报价", nameEn = "Quote", slaTiers = new[] { "bronze", "gold" },
            perUnit = new Dictionary<string, long> { ["vcpu"] = 2, ["memory_gib"] = 4, ["storage_gib"] = 50, ["vms"] = 1 },
            vm = new { vcpu = 2, memoryGib = 4, systemDiskGib = 50, images = new[] { "debian-12" } },
        }, idempotencyKey: plan).Expect(HttpStatusCode.Created);
        var quote = await reader.Send(HttpMethod.Get, $"/api/departments/{own}/quote?plan={plan}&slaTier=gold&quantity=2").Expect(HttpStatusCode.OK);
        // November 2026 (720 h) at gold x1.5 with the newest card: vCPU 2 x 720 x 0.075 = 108; memory 4 x 720 x 0.015 = 43.2;
        // storage 50 x 0.45 = 22.5; 173.70 per VM, two VMs.
        Assert.Equal(347.40m, quote["monthlyTotal"]!.GetValue<decimal>());
        var invalid = await reader.Send(HttpMethod.Get, $"/api/departments/{own}/quote?plan={plan}&slaTier=gold&quantity=0").Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["quantity"]);
    }

    [Fact]
    public async Task A_rejected_upload_names_each_line_and_field_and_keeps_nothing()
    {
        var code = await DepartmentAsync(broker, "upl");
        var csv = $"department,system,meter,quantity,unit,period,sourceId\n{code},core,uplink-mbps,abc,Mbps-month,2026-11,{code}-1\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var response = await _finance.PostAsync("/api/finance/usage-imports", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        var row = Assert.Single(problem["rows"]!.AsArray())!;
        Assert.Equal((2, "quantity"), ((int)row["line"]!, (string)row["field"]!));
        var report = await _finance.Send(HttpMethod.Get, $"/api/finance/usage-imports/{(string)problem["importId"]!}").Expect(HttpStatusCode.OK);
        Assert.Equal((false, 0), ((bool)report["accepted"]!, (int)report["inserted"]!));
    }

    [Fact]
    public async Task A_month_that_has_not_ended_cannot_be_closed()
    {
        var refused = await _finance.Send(HttpMethod.Post, "/api/finance/statements/2026-11/close").Expect(HttpStatusCode.Conflict);
        Assert.Equal("statement.period-not-ended", (string)refused["code"]!);
        var list = await _finance.Send(HttpMethod.Get, "/api/finance/statements/2026-11").Expect(HttpStatusCode.OK);
        Assert.All(list.AsArray(), s => Assert.Equal("open", (string)s!["state"]!));
    }
}
