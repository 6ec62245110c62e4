using System.Net;
using Broker.Api.Finance;
using Broker.Api.Tests.Hosting;
using ClosedXML.Excel;
using CsvHelper;

namespace Broker.Api.Tests.Finance;

/// <summary>The CSV and XLSX exports, read back with a CSV parser and with ClosedXML.</summary>
[Collection(FinanceCollection.Name)]
public sealed class FinanceExportTests(FinanceApiFactory broker)
{
    [Fact]
    public async Task The_csv_export_has_bilingual_headings_and_one_row_per_line_that_sum_to_the_totals()
    {
        var (a, october) = await FinanceData.BilledAsync(broker, "csv-a");
        var (b, _) = await FinanceData.BilledAsync(broker, "csv-b");

        var response = await broker.As("finance").GetAsync("/api/finance/exports/2026-10?format=csv");

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

        Assert.Equal(ExportHeaders.LineColumns, csv.Headers);
        Assert.Contains("部门 / Department", csv.Headers);
        var mine = rows.Where(r => r[0] == a).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Equal(october.Total, mine.Sum(r => decimal.Parse(r[10], System.Globalization.CultureInfo.InvariantCulture)));
        // The fixed statements of this factory carry no asOf: the column is there and empty (the real engine's in FinanceViewsApiTests).
        Assert.Equal(["2026-10", "open", "compute", "tax", "vm-1", "vcpu-hour", "2976", "vCPU·h", "0.414839", "1234.56", "CNY", "", "", ""], mine[0][1..]);
        Assert.Equal("扩容, \"临时\"", mine[1][13]);
        Assert.NotEqual("=1+1", mine[2][13]);
        Assert.Contains("=1+1", mine[2][13]);
        Assert.Equal(3, rows.Count(r => r[0] == b));
    }

    [Fact]
    public async Task The_xlsx_export_has_a_summary_sheet_and_one_sheet_per_department()
    {
        var (a, october) = await FinanceData.BilledAsync(broker, "xlsx-a");
        var (b, _) = await FinanceData.BilledAsync(broker, "xlsx-b");

        var response = await broker.As("finance").GetAsync("/api/finance/exports/2026-10?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FinanceExports.XlsxType, response.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var summary = workbook.Worksheet(1);
        Assert.Equal(ExportHeaders.SummarySheet, summary.Name);
        Assert.Equal("部门 / Department", summary.Cell(1, 1).GetString());
        Assert.Equal("合计 / Total", summary.Cell(1, 4 + ExportHeaders.Categories.Length).GetString());
        var row = summary.RowsUsed().Single(r => r.Cell(1).GetString() == a);
        Assert.Equal(1234.56m, row.Cell(4).GetValue<decimal>());       // compute
        Assert.Equal(833.33m, row.Cell(8).GetValue<decimal>());        // O&M
        Assert.Equal(october.Total, row.Cell(4 + ExportHeaders.Categories.Length).GetValue<decimal>());
        var departments = summary.RowsUsed().Skip(1).Where(r => r.Cell(1).GetString() != ExportHeaders.Total).ToList();
        var cityRow = summary.RowsUsed().Single(r => r.Cell(1).GetString() == ExportHeaders.Total);
        Assert.Equal(departments.Sum(r => r.Cell(4 + ExportHeaders.Categories.Length).GetValue<decimal>()), cityRow.Cell(4 + ExportHeaders.Categories.Length).GetValue<decimal>());

        Assert.Equal(departments.Count + 1, workbook.Worksheets.Count);
        var sheet = workbook.Worksheet(a);
        Assert.Equal(ExportHeaders.LineColumns, sheet.Row(1).Cells(1, ExportHeaders.LineColumns.Length).Select(c => c.GetString()));
        Assert.Equal(["tax", "tax", "portal"], Enumerable.Range(2, 3).Select(r => sheet.Cell(r, 5).GetString()));
        Assert.Equal("=1+1", sheet.Cell(4, 14).GetString()); // text, not a formula
        Assert.False(sheet.Cell(4, 14).HasFormula);
        Assert.Equal((ExportHeaders.Total, october.Total), (sheet.Cell(5, 7).GetString(), sheet.Cell(5, 11).GetValue<decimal>()));
        Assert.True(workbook.TryGetWorksheet(b, out _));
        Assert.Equal(ExportHeaders.AsOf, summary.Cell(1, 6 + ExportHeaders.Categories.Length).GetString());
        Assert.Equal(ExportHeaders.AsOf, sheet.Cell(1, 15).GetString());
    }

    [Fact]
    public async Task A_department_exports_its_own_statement_and_not_another_one()
    {
        var (own, october) = await FinanceData.BilledAsync(broker, "exp-own");
        var (other, _) = await FinanceData.BilledAsync(broker, "exp-other");

        var mine = await broker.As("dept-reader", own).GetAsync($"/api/departments/{own}/finance/export?period=2026-10&format=xlsx");
        var theirs = await broker.As("dept-reader", own).GetAsync($"/api/departments/{other}/finance/export?period=2026-10&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal($"chargeback-{own}-2026-10.xlsx", mine.Content.Headers.ContentDisposition?.FileNameStar ?? mine.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new XLWorkbook(await mine.Content.ReadAsStreamAsync());
        Assert.Equal([ExportHeaders.SummarySheet, own], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(october.Total, workbook.Worksheet(1).Cell(2, 4 + ExportHeaders.Categories.Length).GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_csv_says_as_of_when_an_open_statement_was_computed_in_utc_to_the_tick()
    {
        var asOf = new DateTimeOffset(2026, 11, 2, 9, 30, 15, TimeSpan.FromHours(8)).AddTicks(1234567);
        var statement = Broker.Silo.Tests.Chargeback.FixedStatements.Build("asof", "2026-11",
            [Broker.Silo.Tests.Chargeback.FixedStatements.Line("core", "compute", 1.00m, meter: "vcpu-hour", quantity: 1m, unit: "vCPU·h", unitPrice: 1m)]) with { AsOf = asOf };

        using var csv = CsvReader.Create(StatementCsv.Write([statement])[3..]);
        Assert.True(csv.Read());

        Assert.Equal(ExportHeaders.AsOf, csv.Headers!.ToArray()[^1]);
        Assert.Equal("2026-11-02T01:30:15.1234567Z", csv.Current.ToArray()[^1]);
        Assert.Equal(asOf, DateTimeOffset.Parse(csv.Current.ToArray()[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Long_department_codes_get_distinct_sheet_names_within_excels_limit()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = StatementWorkbook.SheetName(new string('a', 40), taken);
        var second = StatementWorkbook.SheetName(new string('a', 40) + "b", taken);

        Assert.Equal(31, first.Length);
        Assert.Equal(31, second.Length);
        Assert.NotEqual(first, second);
        Assert.EndsWith("~2", second);
    }
}
