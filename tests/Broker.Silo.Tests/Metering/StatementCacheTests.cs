using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using static Broker.Silo.Tests.Metering.Journal;

namespace Broker.Silo.Tests.Metering;

/// <summary>
/// Open statements are served from memory while nothing they are computed from changed, and recomputed as soon as
/// something did: a ledger interval, a rate card, a department, or time for running resources.
/// </summary>
public sealed class StatementCacheTests(MeteringDatabaseFixture fixture) : IClassFixture<MeteringDatabaseFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsureInitialCardAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewCode(string prefix) => MeteringDatabaseFixture.NewCode(prefix);

    [Fact]
    public async Task A_second_read_is_served_from_the_cache_and_a_new_interval_or_rate_card_is_computed_afresh()
    {
        var department = NewCode("cache");
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.AppendAsync($"{department}-vm1", department, "core", 1,
            Created(Shanghai(11, 1), department, "core", Vm(2, 4, 50)), new ResourceBecameReady(Shanghai(11, 1, 1), new Dictionary<string, string>()));
        await fixture.Relay.DrainAsync();

        var first = await fixture.Engine.GetAsync(department, "2026-11");
        var hits = fixture.Cache.Hits;
        var second = await fixture.Engine.GetAsync(department, "2026-11");

        Assert.Same(first, second);
        Assert.Equal(hits + 1, fixture.Cache.Hits);

        await fixture.Journal.AppendAsync($"{department}-vm2", department, "core", 1,
            Created(Shanghai(11, 10), department, "core", Vm(4, 8, 50)), new ResourceBecameReady(Shanghai(11, 10, 1), new Dictionary<string, string>()));
        await fixture.Relay.DrainAsync();
        var afterInterval = await fixture.Engine.GetAsync(department, "2026-11");

        Assert.NotSame(second, afterInterval);
        Assert.True(afterInterval.Total > second.Total, $"{afterInterval.Total} after a second VM, {second.Total} before");
        Assert.Same(afterInterval, await fixture.Engine.GetAsync(department, "2026-11"));

        var (card, _) = await fixture.Cards.CreateAsync(Cards.Draft(new DateOnly(2026, 11, 1), Cards.Prices(vcpuHour: 1m), "re-priced for the cache test"),
            "finance@test", "corr", fixture.Time.GetUtcNow());
        Assert.NotNull(card);
        var afterCard = await fixture.Engine.GetAsync(department, "2026-11");

        Assert.NotSame(afterInterval, afterCard);
        Assert.True(afterCard.Total > afterInterval.Total, $"{afterCard.Total} at 1 CNY per vCPU-hour, {afterInterval.Total} before");
        Assert.Contains(afterCard.Lines, l => l.Note?.Contains($"card v{card.Version}", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Running_resources_accrue_with_time_so_a_cached_open_statement_ages_out()
    {
        var department = NewCode("aging");
        await fixture.Journal.DepartmentAsync(department);
        await fixture.Journal.AppendAsync($"{department}-vm", department, "core", 1,
            Created(Shanghai(12, 1), department, "core", Vm(2, 4, 50)), new ResourceBecameReady(Shanghai(12, 1, 1), new Dictionary<string, string>()));
        await fixture.Relay.DrainAsync();
        var period = "2026-12";

        var first = await fixture.Engine.GetAsync(department, period);
        Assert.Same(first, await fixture.Engine.GetAsync(department, period));
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var later = await fixture.Engine.GetAsync(department, period);

        Assert.NotSame(first, later);
        Assert.True(later.Total > first.Total, $"{later.Total} an hour later, {first.Total} before");
    }

    [Fact]
    public async Task A_new_department_appears_in_every_departments_statements_at_once()
    {
        var before = await fixture.Engine.GetAllAsync("2026-10");
        Assert.Same(before, await fixture.Engine.GetAllAsync("2026-10"));
        var department = NewCode("newcomer");
        await fixture.Journal.DepartmentAsync(department);

        var after = await fixture.Engine.GetAllAsync("2026-10");

        Assert.DoesNotContain(before, s => s.Department == department);
        Assert.Contains(after, s => s.Department == department);
    }
}
