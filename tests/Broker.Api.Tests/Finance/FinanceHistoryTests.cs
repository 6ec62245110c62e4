using System.Globalization;
using System.Net;
using Broker.Api.Finance;
using Broker.Api.Tests.Hosting;
using ClosedXML.Excel;
using CsvHelper;
using Npgsql;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// What finance can reconcile and who changed what, on the real statement engine: statements say as of when they were
/// computed, a resource's ledger intervals are readable, explanations are audited and only of real findings, and a rate
/// card effective today needs a reason.
/// </summary>
[Collection(RatedFinanceCollection.Name)]
public sealed class FinanceHistoryTests(RatedFinanceApiFactory broker)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, Shanghai);

    /// <summary>Closed intervals of one resource, opened by events 1, 3, 5, ... (each closed by the next event), a day each.</summary>
    private async Task<string> LedgerAsync(string department, int intervals, DateTimeOffset from)
    {
        var resource = $"vm-{Guid.NewGuid():n}";
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < intervals; i++)
        {
            await using var command = new NpgsqlCommand("""
                insert into broker.usage_intervals (resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version, sla_tier,
                    running, vcpu, memory_gib, storage_gib, vector, started_at, ended_at)
                values (@id, @opened, @opened + 1, @department, 'tax', 'vm', 'plan', 1, 'silver', true, @vcpu, 0, 0, '{}'::jsonb, @start, @start + interval '1 day')
                """, connection);
            command.Parameters.AddWithValue("id", resource);
            command.Parameters.AddWithValue("opened", 2L * i + 1);
            command.Parameters.AddWithValue("department", department);
            command.Parameters.AddWithValue("vcpu", i + 1);
            command.Parameters.AddWithValue("start", from.AddDays(i).ToUniversalTime());
            await command.ExecuteNonQueryAsync();
        }

        return resource;
    }

    [Fact]
    public async Task An_open_statement_says_as_of_when_it_was_computed_in_json_csv_and_xlsx()
    {
        var code = await broker.DepartmentAsync("asof");
        await LedgerAsync(code, 1, At(2026, 11, 1));
        var now = broker.Time.GetUtcNow();

        var json = await broker.As("finance").Send(HttpMethod.Get, $"/api/finance/statements/2026-11/departments/{code}").Expect(HttpStatusCode.OK);
        var own = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/statements/2026-11").Expect(HttpStatusCode.OK);
        var csvBytes = await broker.As("finance").GetByteArrayAsync("/api/finance/exports/2026-11?format=csv");
        using var xlsx = new XLWorkbook(await broker.As("dept-reader", code).GetStreamAsync($"/api/departments/{code}/finance/export?period=2026-11&format=xlsx"));

        Assert.Equal(("open", now), ((string)json["state"]!, json["asOf"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(now, own["asOf"]!.GetValue<DateTimeOffset>());
        using var csv = CsvReader.Create(csvBytes[3..]);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        Assert.Equal(now, DateTimeOffset.Parse(rows.First(r => r[0] == code)[^1], CultureInfo.InvariantCulture));
        Assert.Equal(now, DateTimeOffset.Parse(xlsx.Worksheet(1).Cell(2, 6 + ExportHeaders.Categories.Length).GetString(), CultureInfo.InvariantCulture));
        Assert.Equal(now, DateTimeOffset.Parse(xlsx.Worksheet(code).Cell(2, 15).GetString(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Finance_pages_a_resources_ledger_intervals_oldest_first()
    {
        var code = await broker.DepartmentAsync("ledger");
        var resource = await LedgerAsync(code, 3, At(2025, 3, 1));
        var finance = broker.As("finance");

        var first = await finance.Send(HttpMethod.Get, $"/api/finance/ledger/{resource}?limit=2").Expect(HttpStatusCode.OK);
        var second = await finance.Send(HttpMethod.Get, $"/api/finance/ledger/{resource}?limit=2&after={(string)first["next"]!}").Expect(HttpStatusCode.OK);

        Assert.Equal([1L, 3L], first["items"]!.AsArray().Select(i => (long)i!["openedSeq"]!));
        Assert.Equal((code, 1, 2L), ((string)first["items"]![0]!["department"]!, (int)first["items"]![0]!["vcpu"]!, (long)first["items"]![0]!["closedSeq"]!));
        Assert.Equal(At(2025, 3, 1), first["items"]![0]!["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal([5L], second["items"]!.AsArray().Select(i => (long)i!["openedSeq"]!));
        Assert.False(second.AsObject().ContainsKey("next"));
        var missing = await finance.Send(HttpMethod.Get, $"/api/finance/ledger/vm-{Guid.NewGuid():n}").Expect(HttpStatusCode.NotFound);
        Assert.Equal(("ledger.resource-not-found", "resourceId"), ((string)missing["code"]!, (string)missing["field"]!));
        Assert.NotNull((await finance.Send(HttpMethod.Get, $"/api/finance/ledger/{resource}?limit=0").Expect(HttpStatusCode.BadRequest))["errors"]!["limit"]);
        Assert.NotNull((await finance.Send(HttpMethod.Get, $"/api/finance/ledger/{resource}?after=-1").Expect(HttpStatusCode.BadRequest))["errors"]!["after"]);
    }

    [Fact]
    public async Task Ledger_intervals_are_for_finance_alone() =>
        await CheckAsync(broker, Principals.Select(p => (Func<Task<Row>>)(async () =>
        {
            var code = await broker.DepartmentAsync("ledger-authz");
            var resource = await LedgerAsync(code, 1, At(2025, 4, 1));
            return For(p, code, "finance.ledger", (HttpMethod.Get, $"/api/finance/ledger/{resource}", null), ["finance"], HttpStatusCode.OK, departmentScoped: false);
        })));

    [Fact]
    public async Task Explaining_a_finding_that_does_not_exist_is_404_naming_the_resource_and_stores_nothing()
    {
        var resource = $"vm-{Guid.NewGuid():n}";

        var refused = await broker.As("finance").Send(HttpMethod.Put, $"/api/finance/statements/2026-10/integrity/billed-not-existing/{resource}",
            new { explanation = "a finding made up" }, language: "en").Expect(HttpStatusCode.NotFound);

        Assert.Equal(("finding.not-found", "resourceId", "application/problem+json"), ((string)refused["code"]!, (string)refused["field"]!, "application/problem+json"));
        Assert.Contains("no such integrity finding", (string)refused["detail"]!, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from broker.integrity_explanations where resource_id = @id", connection);
        count.Parameters.AddWithValue("id", resource);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        var audit = await broker.As("auditor").Send(HttpMethod.Get, $"/api/platform/audit?objectId=2026-10/billed-not-existing/{resource}").Expect(HttpStatusCode.OK);
        Assert.Empty(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task An_explanation_of_a_real_finding_is_audited_with_who_explained_what_and_what_it_replaced()
    {
        var code = await broker.DepartmentAsync("explain");
        // A ledger interval of a resource the directory does not know: a billed-not-existing finding of March 2025.
        var resource = await LedgerAsync(code, 1, At(2025, 3, 10));
        var url = $"/api/finance/statements/2025-03/integrity/billed-not-existing/{resource}";
        var finance = broker.As("finance", subject: "wang.fang@finance");

        await finance.Send(HttpMethod.Put, url, new { explanation = "test VM removed by hand, see ticket 42" }).Expect(HttpStatusCode.NoContent);
        await finance.Send(HttpMethod.Put, url, new { explanation = "ticket 42 confirmed by the machine room" }).Expect(HttpStatusCode.NoContent);

        var findings = await finance.Send(HttpMethod.Get, "/api/finance/statements/2025-03/integrity").Expect(HttpStatusCode.OK);
        var finding = findings.AsArray().Single(f => (string)f!["resourceId"]! == resource)!;
        Assert.Equal(("ticket 42 confirmed by the machine room", "wang.fang@finance"), ((string)finding["explanation"]!, (string)finding["explainedBy"]!));
        var audit = await broker.As("auditor").Send(HttpMethod.Get, $"/api/platform/audit?objectType=integrity-finding&objectId=2025-03/billed-not-existing/{resource}")
            .Expect(HttpStatusCode.OK);
        var rows = audit["items"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("wang.fang@finance", "integrity.explained", code), ((string)r!["actor"]!, (string)r["action"]!, (string)r["department"]!)));
        Assert.Equal("ticket 42 confirmed by the machine room", (string)rows[0]!["after"]!["explanation"]!);
        Assert.Equal("test VM removed by hand, see ticket 42", (string)rows[0]!["before"]!["explanation"]!);
        Assert.False(rows[1]!.AsObject().ContainsKey("before"));
    }

    [Fact]
    public async Task A_rate_card_effective_today_without_a_reason_is_refused_and_changes_nothing()
    {
        var finance = broker.As("finance");
        var today = DateOnly.FromDateTime(broker.Time.GetUtcNow().ToOffset(Shanghai).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = (await finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count;

        var refused = await finance.Send(HttpMethod.Post, "/api/finance/rate-cards", new
        {
            effectiveFrom = today,
            prices = new { vcpuHour = 2.00m, memoryGibHour = 0m, storageGibMonth = 0m },
        }, language: "en").Expect(HttpStatusCode.BadRequest);

        Assert.Equal("rate-card.backdating-reason-required", (string)refused["code"]!);
        Assert.Contains("today or earlier", (string)refused["errors"]!["backdatingReason"]![0]!, StringComparison.Ordinal);
        Assert.Equal(before, (await finance.Send(HttpMethod.Get, "/api/finance/rate-cards").Expect(HttpStatusCode.OK)).AsArray().Count);
    }
}
