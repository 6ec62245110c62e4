using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Tests.Sla;
using ClosedXML.Excel;
using CsvHelper;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// A missed month end to end over HTTP: the credit on the department's statement (to the fen), in finance's list of
/// credits, and in the monthly SLA report as JSON, CSV and XLSX in Chinese and English.
/// </summary>
[Collection(SlaAssessmentCollection.Name)]
public sealed class SlaReportApiTests(SlaAssessmentApiFactory broker)
{
    private static DateTimeOffset Shanghai(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, BillingMonth.Offset);

    /// <summary>
    /// A silver VM of 2 vCPU all of October: 2 x 744 h x 1.00 = 1,488.00. An incident of October 20 (09:00 to 14:00,
    /// 300 minutes) leaves 99.328 % against 99.9 %: more than 0.5 points below, so 25 %: -372.00.
    /// </summary>
    private async Task<(string Code, string Vm)> MissedOctoberAsync(string prefix)
    {
        await broker.EnsureCreditCardAsync();
        var code = await broker.DepartmentAsync(prefix);
        var vm = await broker.IntervalAsync(code, "portal", 2, Shanghai(10, 1), Shanghai(11, 1));
        broker.Attainment.Set(new BillingMonth(2026, 10),
            SetAttainmentSource.Figures(code, "portal", vm, "silver", 99.9m, 44_640, 300, Shanghai(10, 20, 9), "incident", "INC-9"));
        return (code, vm);
    }

    [Fact]
    public async Task A_missed_month_is_credited_on_the_statement_and_finance_reads_the_credit()
    {
        var (code, vm) = await MissedOctoberAsync("sla-bill");

        var statement = await broker.As("finance").Send(HttpMethod.Get, $"/api/finance/statements/2026-10/departments/{code}").Expect(HttpStatusCode.OK);
        var credit = statement["lines"]!.AsArray().Single(l => l!["category"]!.GetValue<string>() == "sla-credit")!;
        Assert.Equal((vm, -0.25m, 1488.00m, -372.00m),
            (credit["resourceId"]!.GetValue<string>(), credit["quantity"]!.GetValue<decimal>(), credit["unitPrice"]!.GetValue<decimal>(), credit["amount"]!.GetValue<decimal>()));
        Assert.Equal(1116.00m, statement["total"]!.GetValue<decimal>());

        var credits = await broker.As("finance").Send(HttpMethod.Get, "/api/finance/sla/credits/2026-10").Expect(HttpStatusCode.OK);
        var mine = credits["lines"]!.AsArray().Single(l => l!["department"]!.GetValue<string>() == code)!;
        Assert.Equal((-372.00m, 1488.00m), (mine["amountCny"]!.GetValue<decimal>(), mine["chargesCny"]!.GetValue<decimal>()));
        Assert.Contains("attained 99.328%", mine["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_lists_each_resource_with_target_attainment_outages_and_credit_as_json()
    {
        var (code, vm) = await MissedOctoberAsync("sla-json");

        var report = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/reports/2026-10").Expect(HttpStatusCode.OK);

        var resource = report["resources"]!.AsArray().Single()!;
        Assert.Equal((vm, "silver", 99.9m, 99.328m, false, -372.00m),
            (resource["resourceId"]!.GetValue<string>(), resource["tierCode"]!.GetValue<string>(), resource["targetPercent"]!.GetValue<decimal>(),
             resource["attainedPercent"]!.GetValue<decimal>(), resource["met"]!.GetValue<bool>(), resource["creditCny"]!.GetValue<decimal>()));
        var outage = resource["outages"]!.AsArray().Single()!;
        Assert.Equal(("INC-9", 300L), (outage["incidentId"]!.GetValue<string>(), outage["countedMinutes"]!.GetValue<long>()));
        Assert.Equal((1, 1, 300L, -372.00m),
            (report["totals"]!["resources"]!.GetValue<int>(), report["totals"]!["missed"]!.GetValue<int>(), report["totals"]!["downMinutes"]!.GetValue<long>(),
             report["totals"]!["creditCny"]!.GetValue<decimal>()));
        Assert.Equal("open", report["statementState"]!.GetValue<string>());

        await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/reports/2026-10?format=pdf").Expect(HttpStatusCode.BadRequest);
        await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/reports/2026-Q4").Expect(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("zh-CN", "行类型", "服务抵扣（元）", "否", "300 分钟")]
    [InlineData("en", "Row", "Credit (CNY)", "no", "300 min")]
    public async Task The_report_as_csv_speaks_the_callers_language(string language, string firstHeading, string creditHeading, string notMet, string minutes)
    {
        var (code, vm) = await MissedOctoberAsync("sla-csv");

        var response = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/reports/2026-10?format=csv", language: language);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var csv = CsvReader.Create(bytes[3..]);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        Assert.Equal((firstHeading, creditHeading), (csv.Headers[0], csv.Headers[15]));
        var row = rows[0];
        Assert.Equal((code, "2026-10", vm, "silver", "99.9", "44640", "300", "99.328", notMet, "1", "-372.00"),
            (row[1], row[2], row[4], row[6], row[7], row[8], row[9], row[10], row[11], row[12], row[15]));
        Assert.Equal($"2026-10-20T09:00:00+08:00/2026-10-20T14:00:00+08:00 ({minutes})", row[13]);
        Assert.Equal("-372.00", rows[^1][15]); // the total row
    }

    [Fact]
    public async Task The_report_as_xlsx_has_a_resources_sheet_and_an_outages_sheet_with_figures_as_numbers()
    {
        var (code, vm) = await MissedOctoberAsync("sla-xlsx");

        var response = await broker.As("platform-admin").Send(HttpMethod.Get, $"/api/departments/{code}/sla/reports/2026-10?format=xlsx", language: "zh-CN");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["资源", "故障"], workbook.Worksheets.Select(w => w.Name));
        var resources = workbook.Worksheet(1);
        Assert.Equal(("资源", vm, -372.00m, 99.328m), (resources.Cell(2, 1).GetString(), resources.Cell(2, 5).GetString(),
            resources.Cell(2, 16).GetValue<decimal>(), resources.Cell(2, 11).GetValue<decimal>()));
        var outages = workbook.Worksheet(2);
        Assert.Equal(("故障单", "INC-9", 300m), (outages.Cell(1, 10).GetString(), outages.Cell(2, 10).GetString(), outages.Cell(2, 7).GetValue<decimal>()));
        Assert.Equal("2026-10-20T09:00:00+08:00", outages.Cell(2, 5).GetString());
    }
}
