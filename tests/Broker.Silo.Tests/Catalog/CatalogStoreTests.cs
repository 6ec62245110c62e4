using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Npgsql;
using static Broker.Silo.Tests.Catalog.CatalogDrafts;

namespace Broker.Silo.Tests.Catalog;

public sealed class CatalogStoreTests(CatalogDatabaseFixture fixture) : IClassFixture<CatalogDatabaseFixture>
{
    private Broker.Silo.Catalog.CatalogStore Store => fixture.Store;

    [Fact]
    public async Task The_migration_seeds_bronze_silver_and_gold_in_that_order_with_their_figures()
    {
        var tiers = await Store.ListSlaTiersAsync();

        Assert.Equal(["bronze", "silver", "gold"], tiers.Select(t => t.Code));
        var gold = tiers[2];
        Assert.Equal((99.95m, ServiceHours.AroundTheClock, 1.5m), (gold.AvailabilityPercent, gold.ServiceHours, gold.PriceMultiplier));
        Assert.Equal("99.95", gold.AvailabilityPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ServiceHours.BusinessHours, tiers[0].ServiceHours);
        Assert.True(tiers[0].RpoMinutes > tiers[1].RpoMinutes && tiers[1].RpoMinutes > gold.RpoMinutes);
    }

    [Fact]
    public async Task Creating_a_plan_writes_version_one_and_one_audit_row()
    {
        var code = NewCode("create");

        var result = await Store.CreatePlanAsync(code, Vm(), Admin);

        Assert.True(result.Changed);
        var read = await Store.GetPlanAsync(code);
        Assert.Equal(result.Value, read);
        Assert.Equal((1, PlanStatus.Active, OfferingKind.Vm), (read!.Version, read.Status, read.Kind));
        Assert.Equal(["debian-12", "kylin-v10"], read.Vm!.Images);
        Assert.Equal(V(("vcpu", 2), ("memory_gib", 4), ("storage_gib", 50), ("vms", 1)), read.PerUnit);
        var audit = Assert.Single(await fixture.AuditAsync("plan", code));
        Assert.Equal(("plan.created", "admin@platform", "corr-catalog"), (audit.Action, audit.Actor, audit.CorrelationId));
        Assert.Null(audit.Department);
        Assert.Equal(1, audit.After!.Value.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_new_version_leaves_the_old_one_readable_and_unchanged()
    {
        var code = NewCode("version");
        var first = (await Store.CreatePlanAsync(code, Vm(), Admin)).Value!;
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var bigger = Vm(nameEn: "Small VM, more memory", spec: new VmSpec(2, 8, 50, ["debian-12"]));
        var second = await Store.AddVersionAsync(code, bigger, Admin);

        Assert.True(second.Changed);
        Assert.Equal(2, second.Value!.Version);
        Assert.Equal(8, (await Store.GetPlanAsync(code))!.Vm!.MemoryGib);
        Assert.Equal(first, await Store.GetPlanAsync(code, 1));
        Assert.Equal([1, 2], (await Store.ListVersionsAsync(code)).Select(v => v.Version));
        Assert.Equal(first.CreatedAt.AddHours(1), second.Value.CreatedAt);
        Assert.Null(await Store.GetPlanAsync(code, 3));
        var audit = await fixture.AuditAsync("plan", code);
        Assert.Equal(["plan.version-created", "plan.created"], audit.Select(a => a.Action));
        Assert.Equal(4, audit[0].Before!.Value.GetProperty("vm").GetProperty("memoryGib").GetInt32());
        Assert.Equal(8, audit[0].After!.Value.GetProperty("vm").GetProperty("memoryGib").GetInt32());
    }

    [Fact]
    public async Task An_identical_update_creates_no_version_and_no_audit_row()
    {
        var code = NewCode("same");
        await Store.CreatePlanAsync(code, Vm(), Admin);

        var again = await Store.AddVersionAsync(code, Vm(), Admin);

        Assert.False(again.Changed);
        Assert.Equal(1, again.Value!.Version);
        Assert.Single(await Store.ListVersionsAsync(code));
        Assert.Single(await fixture.AuditAsync("plan", code));
    }

    [Fact]
    public async Task Creating_an_existing_code_replays_the_same_content_and_refuses_other_content()
    {
        var code = NewCode("dup");
        var created = (await Store.CreatePlanAsync(code, Vm(), Admin)).Value;

        var replay = await Store.CreatePlanAsync(code, Vm(), Admin);
        var other = await Store.CreatePlanAsync(code, Vm(nameEn: "Another"), Admin);

        Assert.False(replay.Changed);
        Assert.Equal(created, replay.Value);
        Assert.Equal((BrokerErrorKind.Conflict, "plan.exists", "code"), (other.Error!.Kind, other.Error.Code, other.Error.Field));
        Assert.Single(await Store.ListVersionsAsync(code));
        Assert.Single(await fixture.AuditAsync("plan", code));
    }

    [Fact]
    public async Task Deprecation_applies_to_every_version_and_still_allows_new_versions()
    {
        var code = NewCode("deprecate");
        await Store.CreatePlanAsync(code, Vm(), Admin);
        await Store.AddVersionAsync(code, Vm(nameEn: "Renamed"), Admin);

        var deprecated = await Store.DeprecateAsync(code, Admin);
        var again = await Store.DeprecateAsync(code, Admin);

        Assert.True(deprecated.Changed);
        Assert.False(again.Changed);
        Assert.All(await Store.ListVersionsAsync(code), v => Assert.Equal(PlanStatus.Deprecated, v.Status));
        var third = await Store.AddVersionAsync(code, Vm(nameEn: "Renamed again"), Admin);
        Assert.Equal((3, PlanStatus.Deprecated), (third.Value!.Version, third.Value.Status));
        Assert.Equal(["plan.version-created", "plan.deprecated", "plan.version-created", "plan.created"], (await fixture.AuditAsync("plan", code)).Select(a => a.Action));
    }

    [Fact]
    public async Task Retirement_is_final_no_version_and_no_deprecation_follows_it()
    {
        var code = NewCode("retire");
        await Store.CreatePlanAsync(code, Database(), Admin);

        Assert.True((await Store.RetireAsync(code, Admin)).Changed);
        var again = await Store.RetireAsync(code, Admin);
        var version = await Store.AddVersionAsync(code, Database() with { NameEn = "Changed" }, Admin);
        var deprecate = await Store.DeprecateAsync(code, Admin);

        Assert.False(again.Changed);
        Assert.Equal(PlanStatus.Retired, again.Value!.Status);
        Assert.Equal((BrokerErrorKind.Conflict, "plan.retired"), (version.Error!.Kind, version.Error.Code));
        Assert.Equal((BrokerErrorKind.Conflict, "plan.retired"), (deprecate.Error!.Kind, deprecate.Error.Code));
        Assert.Equal(PlanStatus.Retired, (await Store.GetPlanAsync(code, 1))!.Status);
        Assert.Equal(["plan.retired", "plan.created"], (await fixture.AuditAsync("plan", code)).Select(a => a.Action));
    }

    [Fact]
    public async Task Every_write_to_an_unknown_plan_is_not_found()
    {
        var code = NewCode("missing");

        Assert.Equal("plan.not-found", (await Store.AddVersionAsync(code, Vm(), Admin)).Error!.Code);
        Assert.Equal("plan.not-found", (await Store.DeprecateAsync(code, Admin)).Error!.Code);
        Assert.Equal(BrokerErrorKind.NotFound, (await Store.RetireAsync(code, Admin)).Error!.Kind);
        Assert.Null(await Store.GetPlanAsync(code));
        Assert.Empty(await Store.ListVersionsAsync(code));
    }

    [Fact]
    public async Task The_kind_of_a_plan_never_changes()
    {
        var code = NewCode("kind");
        await Store.CreatePlanAsync(code, Vm(), Admin);

        var result = await Store.AddVersionAsync(code, Database(), Admin);

        Assert.Equal((BrokerErrorKind.Invalid, "plan.kind-immutable", "kind"), (result.Error!.Kind, result.Error.Code, result.Error.Field));
        Assert.Single(await Store.ListVersionsAsync(code));
    }

    [Fact]
    public async Task Concurrent_updates_get_consecutive_versions_and_none_is_lost()
    {
        var code = NewCode("race");
        await Store.CreatePlanAsync(code, Vm(), Admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.AddVersionAsync(code, Vm(nameEn: $"Edit {i}"), Admin))));

        Assert.All(results, r => Assert.True(r.Changed));
        Assert.Equal(Enumerable.Range(2, 8), results.Select(r => r.Value!.Version).Order());
        var versions = await Store.ListVersionsAsync(code);
        Assert.Equal(Enumerable.Range(1, 9), versions.Select(v => v.Version));
        Assert.Equal(9, (await Store.GetPlanAsync(code))!.Version);
        Assert.Equal(9, (await fixture.AuditAsync("plan", code)).Count);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_code_make_one_plan_and_replay_for_the_rest()
    {
        var code = NewCode("twin");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Store.CreatePlanAsync(code, Vm(), Admin))));

        Assert.Single(results, r => r.Changed);
        Assert.All(results, r => Assert.Equal(1, r.Value!.Version));
        Assert.Single(await fixture.AuditAsync("plan", code));
    }

    [Fact]
    public async Task A_write_the_database_refuses_leaves_neither_a_plan_nor_an_audit_row()
    {
        var code = NewCode("atomic");

        // Past validation, an empty tier list still meets the table's check; the plan row went in first and must go.
        await Assert.ThrowsAsync<PostgresException>(() => Store.CreatePlanAsync(code, Vm() with { SlaTiers = [] }, Admin));

        Assert.Null(await Store.GetPlanAsync(code));
        Assert.Empty(await fixture.AuditAsync("plan", code));
    }

    [Fact]
    public async Task Plan_versions_cannot_be_edited_or_deleted_even_in_sql()
    {
        var code = NewCode("immutable");
        await Store.CreatePlanAsync(code, Vm(), Admin);

        foreach (var sql in new[]
        {
            "update broker.catalog_plan_versions set name_en = 'edited' where code = @code",
            "delete from broker.catalog_plan_versions where code = @code",
        })
        {
            await using var command = fixture.DataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string>("code", code));
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("immutable", error.MessageText);
        }

        Assert.Equal("Small VM", (await Store.GetPlanAsync(code))!.NameEn);
    }

    [Fact]
    public async Task Listing_filters_by_kind_and_status_and_pages_by_code()
    {
        var prefix = NewCode("list")[..14];
        await Store.CreatePlanAsync($"{prefix}-a", Vm(), Admin);
        await Store.CreatePlanAsync($"{prefix}-b", Database(), Admin);
        await Store.CreatePlanAsync($"{prefix}-c", Vm(), Admin);
        await Store.AddVersionAsync($"{prefix}-c", Vm(nameEn: "v2"), Admin);
        await Store.DeprecateAsync($"{prefix}-c", Admin);

        var mine = (await Store.ListPlansAsync(null, null, prefix, 200)).Where(p => p.Code.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var vms = (await Store.ListPlansAsync(OfferingKind.Vm, null, prefix, 200)).Where(p => p.Code.StartsWith(prefix, StringComparison.Ordinal));
        var deprecated = (await Store.ListPlansAsync(null, PlanStatus.Deprecated, prefix, 200)).Where(p => p.Code.StartsWith(prefix, StringComparison.Ordinal));
        var page = await Store.ListPlansAsync(null, null, $"{prefix}-a", 1);

        Assert.Equal([($"{prefix}-a", 1), ($"{prefix}-b", 1), ($"{prefix}-c", 2)], mine.Select(p => (p.Code, p.Version)));
        Assert.Equal([$"{prefix}-a", $"{prefix}-c"], vms.Select(p => p.Code));
        Assert.Equal([$"{prefix}-c"], deprecated.Select(p => p.Code));
        Assert.Equal([$"{prefix}-b"], page.Select(p => p.Code));
    }

    [Fact]
    public async Task An_sla_tier_update_is_audited_with_before_and_after_and_an_identical_one_writes_nothing()
    {
        var before = (await Store.GetSlaTierAsync("silver"))!;

        var updated = await Store.UpdateSlaTierAsync("silver", Tier(multiplier: 1.25m), Admin);
        var again = await Store.UpdateSlaTierAsync("silver", Tier(multiplier: 1.2500m), Admin);

        Assert.True(updated.Changed);
        Assert.False(again.Changed);
        var read = (await Store.GetSlaTierAsync("silver"))!;
        Assert.Equal(1.25m, read.PriceMultiplier);
        Assert.Equal("1.25", read.PriceMultiplier.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Time.GetUtcNow(), read.UpdatedAt);
        var audit = Assert.Single(await fixture.AuditAsync("sla-tier", "silver"));
        Assert.Equal("sla-tier.updated", audit.Action);
        Assert.Equal(before.PriceMultiplier, audit.Before!.Value.GetProperty("priceMultiplier").GetDecimal());
        Assert.Equal(1.25m, audit.After!.Value.GetProperty("priceMultiplier").GetDecimal());
        Assert.Equal("7x24", audit.After!.Value.GetProperty("serviceHours").GetString());
    }

    [Fact]
    public async Task Updating_a_tier_that_does_not_exist_is_not_found_and_creates_nothing()
    {
        var result = await Store.UpdateSlaTierAsync("platinum", Tier(), Admin);

        Assert.Equal((BrokerErrorKind.NotFound, "sla-tier.not-found"), (result.Error!.Kind, result.Error.Code));
        Assert.Null(await Store.GetSlaTierAsync("platinum"));
        Assert.Empty(await fixture.AuditAsync("sla-tier", "platinum"));
    }
}
