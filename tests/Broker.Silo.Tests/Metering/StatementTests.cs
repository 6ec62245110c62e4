using Broker.Contracts.Resources;
using Broker.Silo.Metering;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using static Broker.Silo.Tests.Metering.Journal;

namespace Broker.Silo.Tests.Metering;

/// <summary>Statements end to end over PostgreSQL: ledger, imports and O&amp;M rated, closed, frozen and adjusted.</summary>
public sealed class StatementTests(MeteringDatabaseFixture fixture) : IClassFixture<MeteringDatabaseFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsureInitialCardAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewCode(string prefix) => MeteringDatabaseFixture.NewCode(prefix);

    [Fact]
    public async Task A_department_month_has_ledger_imported_and_om_lines_to_the_fen_and_recomputes_byte_identically()
    {
        var department = NewCode("dept");
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.SystemAsync(department, "core", tier: 3, investment: 1_234_567.89m);
        var vm = $"{department}-vm";
        await fixture.Journal.AppendAsync(vm, department, "core", 1,
            Created(Shanghai(10, 31, 23), department, "core", Vm(2, 4, 50)),
            new ResourceBecameReady(Shanghai(11, 1), new Dictionary<string, string>()),
            new UpdateStarted(Shanghai(11, 11), Vm(4, 8, 50), true),
            new ResourceBecameReady(Shanghai(11, 11, 2), new Dictionary<string, string>()),
            new UpdateStarted(Shanghai(11, 21), Vm(4, 8, 50), false),
            new ResourceBecameStopped(Shanghai(11, 21, 1)));
        await fixture.Relay.DrainAsync();
        var import = await fixture.Imports.ImportAsync("csv",
            $"department,system,meter,quantity,unit,period,sourceId\n{department},core,uplink-mbps,37.3,Mbps-month,2026-11,{department}-u1\n",
            "finance@test", "corr", fixture.Time.GetUtcNow());
        Assert.True(import.Accepted, string.Join("; ", import.Errors));

        var statement = await fixture.Engine.GetAsync(department, "2026-11");

        // vCPU 1440 h x 0.0473 = 68.112; memory 2880 GiB-h x 0.0119 = 34.272; storage 50 GiB-month x 0.35 = 17.50;
        // uplink 37.3 x 12.5 = 466.25; O&M tier 3 at 5%: 1,234,567.89 x 0.05 / 12 split 40/20/40 = 2057.61 / 1028.81 / 2057.61.
        Assert.Equal(
            [("compute", "memory-gib-hour", 34.27m), ("compute", "vcpu-hour", 68.11m), ("storage", "storage-gib-month", 17.50m),
             ("imported", "uplink-mbps", 466.25m),
             ("om", "om-application-software", 2057.61m), ("om", "om-commercial-software", 1028.81m), ("om", "om-hardware", 2057.61m)],
            statement.Lines.Select(l => (l.Category, l.Meter, l.Amount)));
        Assert.Equal(68.11m + 34.27m + 17.50m + 466.25m + 2057.61m + 1028.81m + 2057.61m, statement.Total);
        Assert.Equal([new StatementSubtotal("core", 5730.16m)], statement.BySystem);
        Assert.Equal(["compute", "storage", "imported", "om"], statement.ByCategory.Select(c => c.Key));
        Assert.Equal(102.38m, statement.ByCategory[0].Amount);

        Assert.Equal(fixture.Time.GetUtcNow(), statement.AsOf);
        var again = await fixture.Engine.GetAsync(department, "2026-11");
        Assert.Equal(BrokerJson.Serialize(statement), BrokerJson.Serialize(again));
        var all = await fixture.Engine.GetAllAsync("2026-11");
        Assert.Equal(BrokerJson.Serialize(statement), BrokerJson.Serialize(Assert.Single(all, s => s.Department == department)));
        Assert.Equal(all.Select(s => s.Department).Order(StringComparer.Ordinal), all.Select(s => s.Department));
    }

    [Fact]
    public async Task A_closed_month_stays_frozen_and_late_usage_becomes_an_adjustment_in_the_next_open_month()
    {
        var department = NewCode("close");
        await fixture.Journal.DepartmentAsync(department);
        var vm = $"{department}-vm";
        await fixture.Journal.AppendAsync(vm, department, "core", 1,
            Created(Shanghai(7, 31), department, "core", Vm(2, 0, 0)),
            new ResourceBecameReady(Shanghai(8, 1), new Dictionary<string, string>()));
        // A resource whose journal has a gap: a finding that blocks the close until finance explains it.
        var broken = $"{department}-gap";
        await fixture.Journal.AppendAsync(broken, department, "core", 1, Created(Shanghai(8, 2), department, "core", Vm(1, 0, 0)));
        await fixture.Journal.AppendAsync(broken, department, "core", 3, new ResourceFailed(Shanghai(8, 3), "lost"));
        await fixture.Relay.DrainAsync();
        var august = new BillingMonth(2026, 8);

        var refused = await fixture.Closing.CloseAsync(august, "finance@test", "corr");
        Assert.Equal("statement.unexplained-findings", refused.Refusal);
        Assert.Equal(("events-out-of-sequence", broken), (Assert.Single(refused.Unexplained).Kind, refused.Unexplained[0].ResourceId));
        Assert.Equal("statement.period-not-ended", (await fixture.Closing.CloseAsync(new BillingMonth(2026, 12), "finance@test", "corr")).Refusal);

        Assert.False(await fixture.Integrity.ExplainAsync(august, "events-out-of-sequence", "no-such-resource", "invented", "finance@test", "corr", fixture.Time.GetUtcNow()));
        Assert.True(await fixture.Integrity.ExplainAsync(august, "events-out-of-sequence", broken, "provisioning record lost in migration", "finance@test", "corr", fixture.Time.GetUtcNow()));
        var closed = await fixture.Closing.CloseAsync(august, "finance@test", "corr");
        Assert.Null(closed.Refusal);
        Assert.Equal("statement.already-closed", (await fixture.Closing.CloseAsync(august, "finance@test", "corr")).Refusal);
        var frozen = await fixture.Engine.GetAsync(department, "2026-08");
        // 2 vCPU x 744 h (August, 31 days) x 0.0473 = 70.3824
        Assert.Equal(("closed", 70.38m), (frozen.State, frozen.Total));
        Assert.Null(frozen.AsOf); // frozen figures no longer move; closedAt says when

        Assert.Equal(StatementStore.Hash(BrokerJson.Serialize(frozen with { ContentHash = null })), frozen.ContentHash);

        // Recorded in December: the VM was deleted on Aug 21. August must not move; September credits the difference.
        await fixture.Journal.AppendAsync(vm, department, "core", 3, new DeletionStarted(Shanghai(8, 21), "late"));
        await fixture.Relay.DrainAsync();

        Assert.Equal(BrokerJson.Serialize(frozen), BrokerJson.Serialize(await fixture.Engine.GetAsync(department, "2026-08")));
        var september = await fixture.Engine.GetAsync(department, "2026-09");
        var adjustment = Assert.Single(september.Lines);
        // Billed 1488 vCPU-h (70.38); now 2 x 480 h = 960 vCPU-h (45.408 -> 45.41): -528 vCPU-h, -24.97.
        Assert.Equal(("adjustment", "vcpu-hour", -528m, -24.97m, "2026-08"), (adjustment.Category, adjustment.Meter, adjustment.Quantity, adjustment.Amount, adjustment.OriginalPeriod));
        Assert.Equal(-24.97m, september.Total);

        // Once September is closed with that adjustment in it, October does not repeat it.
        await fixture.Closing.CloseAsync(new BillingMonth(2026, 9), "finance@test", "corr");
        Assert.Empty((await fixture.Engine.GetAsync(department, "2026-10")).Lines);
    }

    [Fact]
    public async Task A_file_with_invalid_rows_is_rejected_whole_with_every_error_by_line_and_field()
    {
        var department = NewCode("imp");
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.SystemAsync(department, "core");
        var csv = $"""
            department,system,meter,quantity,unit,period,sourceId
            {department},core,uplink-mbps,10,Mbps-month,2026-11,{department}-1
            {department},nope,uplink-mbps,-3,Mbps-month,2026-13,{department}-2
            {department},core,licence-seat,1,seat,2026-11,{department}-3
            {department},core,uplink-mbps,1,Gbps-month,2026-11,{department}-1
            """;

        var result = await fixture.Imports.ImportAsync("csv", csv, "finance@test", "corr", fixture.Time.GetUtcNow());

        Assert.False(result.Accepted);
        Assert.Equal(
            [(3, "period", "import.period-invalid"), (3, "quantity", "import.quantity-invalid"), (5, "sourceId", "import.source-id-repeated")],
            result.Errors.Select(e => (e.Line, e.Field, e.Code)));
        Assert.DoesNotContain((await fixture.Engine.GetAsync(department, "2026-11")).Lines, l => l.Category == "imported");
        Assert.Equal(BrokerJson.Serialize(result), BrokerJson.Serialize(await fixture.Imports.GetAsync(result.Id)));

        // Valid syntax, unknown references: reported by line too.
        var references = await fixture.Imports.ImportAsync("csv", string.Join('\n', csv.Split('\n').Take(2).Append(
            $"{department},nope,licence-seat,1,seat,2026-11,{department}-9")), "finance@test", "corr", fixture.Time.GetUtcNow());
        Assert.Equal([(3, "meter", "import.meter-unpriced"), (3, "system", "import.system-unknown")], references.Errors.Select(e => (e.Line, e.Field, e.Code)));
    }

    [Fact]
    public async Task Importing_the_same_source_ids_again_keeps_one_record_each()
    {
        var department = NewCode("json");
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.SystemAsync(department, "core");
        var json = $$"""
            [
              {"department": "{{department}}", "system": "core", "meter": "uplink-mbps", "quantity": 2.5, "unit": "Mbps-month", "period": "2026-11", "sourceId": "{{department}}-a"},
              {"department": "{{department}}", "system": "core", "meter": "uplink-mbps", "quantity": "1.5", "unit": "Mbps-month", "period": "2026-11", "sourceId": "{{department}}-b"}
            ]
            """;

        var first = await fixture.Imports.ImportAsync("json", json, "finance@test", "corr", fixture.Time.GetUtcNow());
        var second = await fixture.Imports.ImportAsync("json", json, "finance@test", "corr", fixture.Time.GetUtcNow());

        Assert.Equal((true, 2, 0), (first.Accepted, first.Inserted, first.Duplicates));
        Assert.Equal((true, 0, 2), (second.Accepted, second.Inserted, second.Duplicates));
        var line = Assert.Single((await fixture.Engine.GetAsync(department, "2026-11")).Lines, l => l.Category == "imported");
        Assert.Equal((4m, 50.00m), (line.Quantity, line.Amount)); // 4 Mbps-month x 12.5

        var bad = await fixture.Imports.ImportAsync("json", "[\n {\"department\": 1},\n 7\n]", "finance@test", "corr", fixture.Time.GetUtcNow());
        Assert.Contains(bad.Errors, e => e.Line == 2 && e.Field == "system" && e.Code == "import.field-required");
        Assert.Contains(bad.Errors, e => e.Line == 3 && e.Code == "import.json-not-object");
    }

    [Fact]
    public async Task A_rate_card_may_not_start_in_a_closed_month_and_back_dating_needs_a_reason()
    {
        var today = BillingMonth.DayOf(fixture.Time.GetUtcNow());
        Assert.Contains(RateCardValidation.Validate(Cards.Draft(today.AddDays(-1)), today), e => e.Field == "backdatingReason");
        Assert.Empty(RateCardValidation.Validate(Cards.Draft(today.AddDays(-1), reason: "price order 2026-17"), today));
        // Today is back-dating too: it re-prices the usage since midnight.
        Assert.Contains(RateCardValidation.Validate(Cards.Draft(today), today), e => e.Field == "backdatingReason");
        Assert.Empty(RateCardValidation.Validate(Cards.Draft(today, reason: "price order 2026-18"), today));
        Assert.Empty(RateCardValidation.Validate(Cards.Draft(today.AddDays(1)), today));

        await fixture.Statements.CloseAsync(new BillingMonth(2025, 1), "finance@test", "corr", fixture.Time.GetUtcNow(), _ => Task.FromResult<IReadOnlyList<Statement>>([]));
        var (card, closed) = await fixture.Cards.CreateAsync(Cards.Draft(new DateOnly(2025, 1, 20), reason: "x"), "finance@test", "corr", fixture.Time.GetUtcNow());
        Assert.Null(card);
        Assert.NotNull(closed);
        Assert.True(string.CompareOrdinal(closed, "2025-01") >= 0);
    }

    [Fact]
    public async Task A_quote_rates_the_plan_for_a_whole_month_with_the_same_code_as_statements()
    {
        var catalog = new Broker.Silo.Catalog.CatalogStore(fixture.DataSource, new Broker.Silo.Hosting.BrokerClock(fixture.Time));
        var code = NewCode("plan");
        await catalog.CreatePlanAsync(code, new Broker.Silo.Catalog.PlanDraft(Broker.Contracts.Catalog.OfferingKind.Vm, "小", "Small", ["bronze", "gold"],
            new Broker.Contracts.Quotas.QuotaVector(new Dictionary<string, long> { ["vcpu"] = 2, ["memory_gib"] = 4, ["storage_gib"] = 50, ["vms"] = 1 }),
            new Broker.Contracts.Catalog.VmSpec(2, 4, 50, ["debian-12"]), null), new Broker.Contracts.Common.Actor("admin", null, "corr"));

        var quote = await fixture.Quotes.QuoteAsync(code, "gold", 3);

        // December 2026: 744 h. Per VM at gold (x1.5): vCPU 2 x 744 x 0.07095 = 105.5736 -> 105.57; memory 4 x 744 x 0.01785
        // = 53.1216 -> 53.12; storage 50 x 0.525 = 26.25. Three VMs: 3 x 184.94 = 554.82.
        Assert.Equal(("2026-12", 9), (quote!.Period, quote.Lines.Count));
        Assert.Equal(554.82m, quote.MonthlyTotal);
        Assert.Null(await fixture.Quotes.QuoteAsync("no-such-plan", "gold", 1));
    }
}
