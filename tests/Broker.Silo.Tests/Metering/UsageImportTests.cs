using System.Text;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Metering;

/// <summary>
/// Imports read front to back: line numbers stay exact deep into a file (CSV with CRLF and quoted line breaks, JSON with
/// thousands of elements), a file is taken whole or refused whole with every bad line, and sent again imports nothing
/// twice. The size and speed goal is measured by <c>bench/run.sh imports</c>, not here.
/// </summary>
public sealed class UsageImportTests(MeteringDatabaseFixture fixture) : IClassFixture<MeteringDatabaseFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if ((await fixture.Cards.ListAsync()).Count == 0)
        {
            await fixture.Cards.CreateAsync(Cards.Draft(new DateOnly(2026, 1, 1), reason: "initial card"), "finance@test", "corr", fixture.Time.GetUtcNow());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_long_json_file_names_the_line_of_every_bad_element_and_keeps_none_of_it_then_imports_once_when_fixed()
    {
        var department = await DepartmentAsync("jlong");
        const int count = 3_000;
        int[] bad = [17, 1_500, 2_999];

        var refused = await ImportAsync("json", Json(department, count, i => bad.Contains(i) ? "-1" : "2.5"));

        Assert.False(refused.Accepted);
        // One element per line after the opening bracket on line 1: element i is on line i + 2.
        Assert.Equal(bad.Select(i => (i + 2, "quantity", "import.quantity-invalid")), refused.Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.Equal(count, refused.Rows);
        Assert.DoesNotContain((await fixture.Engine.GetAsync(department, "2026-11")).Lines, l => l.Category == "imported");

        var fixedFile = Json(department, count, _ => "1");
        var first = await ImportAsync("json", fixedFile);
        var again = await ImportAsync("json", fixedFile);
        Assert.Equal((true, count, 0), (first.Accepted, first.Inserted, first.Duplicates));
        Assert.Equal((true, 0, count), (again.Accepted, again.Inserted, again.Duplicates));
        var line = Assert.Single((await fixture.Engine.GetAsync(department, "2026-11")).Lines, l => l.Category == "imported");
        Assert.Equal(count, line.Quantity);
    }

    [Fact]
    public async Task Csv_line_numbers_count_crlf_and_line_breaks_inside_quotes_and_every_repeated_source_id_is_named()
    {
        var department = await DepartmentAsync("csvq");
        var csv = new StringBuilder("department,system,meter,quantity,unit,period,sourceId\r\n");
        csv.Append(department).Append(",core,uplink-mbps,1,Mbps-month,2026-11,\"").Append(department).Append("-a\"\r\n");    // line 2
        csv.Append(department).Append(",\"co\r\nre\",uplink-mbps,1,Mbps-month,2026-11,").Append(department).Append("-b\r\n"); // lines 3-4
        csv.Append(department).Append(",core,uplink-mbps,x,Mbps-month,2026-11,").Append(department).Append("-c\r\n");        // line 5
        csv.Append(department).Append(",core,uplink-mbps,1,Mbps-month,2026-11,").Append(department).Append("-a\r\n");        // line 6
        csv.Append("\r\n");                                                                                                 // line 7, blank
        csv.Append(department).Append(",core,uplink-mbps,1,Mbps-month,2026-11,").Append(department).Append("-a");             // line 8, no newline

        var result = await ImportAsync("csv", csv.ToString());

        Assert.False(result.Accepted);
        Assert.Equal(
            // Line 3's system holds a quoted line break, which no import field takes; the lines after it still count it.
            [(3, "system", "import.field-invalid-character"), (5, "quantity", "import.quantity-invalid"), (6, "sourceId", "import.source-id-repeated"), (8, "sourceId", "import.source-id-repeated")],
            result.Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.Equal(5, result.Rows);
        Assert.Equal(0, result.Inserted);
    }

    [Fact]
    public async Task An_empty_file_or_a_header_without_columns_is_refused_with_the_reason()
    {
        Assert.Equal([(1, "file", "import.empty")], (await ImportAsync("csv", "")).Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.Equal([(1, "file", "import.empty")], (await ImportAsync("json", "[]")).Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.Contains((await ImportAsync("csv", "department,system\n")).Errors, e => e is { Line: 1, Field: "meter", Code: "import.column-missing" });
        Assert.Equal([(1, "file", "import.json-not-array")], (await ImportAsync("json", "{}")).Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.Contains((await ImportAsync("json", "[\n{\"a\": 1},\n{")).Errors, e => e is { Field: "file", Code: "import.json-malformed" });
    }

    private Task<ImportResult> ImportAsync(string format, string text) =>
        fixture.Imports.ImportAsync(format, new MemoryStream(Encoding.UTF8.GetBytes(text)), "finance@test", "corr", fixture.Time.GetUtcNow());

    private async Task<string> DepartmentAsync(string prefix)
    {
        var department = $"{prefix}-{Guid.NewGuid():n}"[..20];
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.SystemAsync(department, "core");
        return department;
    }

    private static string Json(string department, int count, Func<int, string> quantity)
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($$"""  {"department": "{{department}}", "system": "core", "meter": "uplink-mbps", "quantity": {{quantity(i)}}, "unit": "Mbps-month", "period": "2026-11", "sourceId": "{{department}}-{{i}}"}""");
            text.Append(i + 1 < count ? ",\n" : "\n");
        }

        return text.Append(']').ToString();
    }
}
