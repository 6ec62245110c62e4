using Broker.Contracts.Resources;
using Broker.Silo.Metering;
using Broker.Silo.Resources;
using Npgsql;
using static Broker.Silo.Tests.Metering.Journal;

namespace Broker.Silo.Tests.Metering;

/// <summary>The relay turning the resource journal into intervals: once, in order, whatever crashes or replays.</summary>
public sealed class LedgerTests(MeteringDatabaseFixture fixture) : IClassFixture<MeteringDatabaseFixture>
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..20];

    /// <summary>Created, ready Nov 1, resize asked Nov 11 00:00 and done 02:00, stop asked Nov 21 00:00 and done 01:00.</summary>
    private async Task ResizedAndStoppedAsync(string id, string department)
    {
        await fixture.Journal.AppendAsync(id, department, "core", 1,
            Created(Shanghai(10, 31, 23), department, "core", Vm(2, 4, 50)),
            new ProvisioningStarted(Shanghai(10, 31, 23, 1)),
            new ResourceBecameReady(Shanghai(11, 1), new Dictionary<string, string>()),
            new UpdateStarted(Shanghai(11, 11), Vm(4, 8, 50), true),
            new ResourceBecameReady(Shanghai(11, 11, 2), new Dictionary<string, string>()),
            new UpdateStarted(Shanghai(11, 21), Vm(4, 8, 50), false),
            new ResourceBecameStopped(Shanghai(11, 21, 1)));
    }

    [Fact]
    public async Task A_resize_takes_effect_when_the_backend_confirms_it_and_a_stop_opens_a_storage_only_interval()
    {
        var id = NewId("resize");
        await ResizedAndStoppedAsync(id, "ledger-a");

        await fixture.Relay.DrainAsync();

        var intervals = await fixture.Journal.IntervalsAsync(id);
        Assert.Equal(
            [(3L, (long?)5L, true, 2, Shanghai(11, 1), (DateTimeOffset?)Shanghai(11, 11, 2)),
             (5L, 7L, true, 4, Shanghai(11, 11, 2), Shanghai(11, 21, 1)),
             (7L, null, false, 4, Shanghai(11, 21, 1), null)],
            intervals);
        Assert.Equal(7, await fixture.Journal.CursorAsync(id));
    }

    [Fact]
    public async Task A_replayed_pass_and_a_replayed_event_change_nothing()
    {
        var id = NewId("replay");
        await ResizedAndStoppedAsync(id, "ledger-b");
        await fixture.Relay.DrainAsync();
        var before = await fixture.Journal.IntervalsAsync(id);

        // The relay reading everything again (as after a restart) finds nothing to apply for this resource.
        await fixture.Relay.DrainAsync();
        // An event delivered twice: the same (resource, seq) cannot enter the journal a second time...
        await Assert.ThrowsAsync<PostgresException>(() => fixture.Journal.AppendAsync(id, "ledger-b", "core", 7, new ResourceBecameStopped(Shanghai(11, 21, 1))));
        Assert.Equal(before, await fixture.Journal.IntervalsAsync(id));
        Assert.Equal(7, await fixture.Journal.CursorAsync(id));
    }

    [Fact]
    public async Task A_late_event_lands_in_the_month_of_its_time_not_of_its_arrival()
    {
        var id = NewId("late");
        await fixture.Journal.AppendAsync(id, "ledger-c", "core", 1,
            Created(Shanghai(9, 30), "ledger-c", "core", Vm(1, 1, 10)),
            new ResourceBecameReady(Shanghai(10, 1), new Dictionary<string, string>()));
        await fixture.Relay.DrainAsync();

        // Recorded in December, happened on Oct 16.
        await fixture.Journal.AppendAsync(id, "ledger-c", "core", 3, new DeletionStarted(Shanghai(10, 16), "done"));
        await fixture.Relay.DrainAsync();

        var interval = Assert.Single(await fixture.Journal.IntervalsAsync(id));
        Assert.Equal((Shanghai(10, 1), (DateTimeOffset?)Shanghai(10, 16)), (interval.Start, interval.End));
    }

    [Fact]
    public async Task A_gap_in_the_sequence_stops_the_resource_at_the_gap()
    {
        var id = NewId("gap");
        await fixture.Journal.AppendAsync(id, "ledger-d", "core", 1,
            Created(Shanghai(11, 1), "ledger-d", "core", Vm(1, 1, 10)),
            new ResourceBecameReady(Shanghai(11, 2), new Dictionary<string, string>()));
        await fixture.Journal.AppendAsync(id, "ledger-d", "core", 4, new DeletionStarted(Shanghai(11, 5), "x"));

        await fixture.Relay.DrainAsync();

        Assert.Equal(2, await fixture.Journal.CursorAsync(id));
        Assert.Null(Assert.Single(await fixture.Journal.IntervalsAsync(id)).End);
        var finding = Assert.Single(await fixture.Integrity.FindAsync(new BillingMonth(2026, 11)), f => f.ResourceId == id);
        Assert.Equal("events-out-of-sequence", finding.Kind);
    }

    [Fact]
    public async Task A_crash_between_writing_intervals_and_committing_the_cursor_loses_nothing_and_counts_nothing_twice()
    {
        var id = NewId("crash");
        await ResizedAndStoppedAsync(id, "ledger-e");
        var crashing = new LedgerRelay(fixture.DataSource)
        {
            // The ledger rows are written; now the relay's database session dies, as when the silo is killed.
            BeforeCommit = async (connection, ct) =>
            {
                await using var kill = fixture.DataSource.CreateCommand("select pg_terminate_backend(@pid)");
                kill.Parameters.Add(new NpgsqlParameter<int>("pid", connection.ProcessID));
                await kill.ExecuteNonQueryAsync(ct);
            },
        };

        await Assert.ThrowsAnyAsync<Exception>(() => crashing.RunOnceAsync(DateTimeOffset.MinValue, 10_000));

        Assert.Empty(await fixture.Journal.IntervalsAsync(id));
        Assert.Null(await fixture.Journal.CursorAsync(id));

        // The next pass (another silo, or this one restarted) applies the same events exactly once.
        await fixture.Relay.DrainAsync();
        await fixture.Relay.DrainAsync();
        var intervals = await fixture.Journal.IntervalsAsync(id);
        Assert.Equal([3L, 5L, 7L], intervals.Select(i => i.OpenedSeq));
        Assert.Equal(7, await fixture.Journal.CursorAsync(id));
    }

    [Fact]
    public async Task A_second_relay_skips_its_pass_while_the_first_holds_the_lock()
    {
        var id = NewId("lock");
        await fixture.Journal.AppendAsync(id, "ledger-f", "core", 1,
            Created(Shanghai(11, 1), "ledger-f", "core", Vm(1, 1, 10)),
            new ResourceBecameReady(Shanghai(11, 2), new Dictionary<string, string>()));
        var second = (Applied: 0, Full: false, StartedAt: default(DateTimeOffset));
        var first = new LedgerRelay(fixture.DataSource)
        {
            BeforeCommit = async (_, ct) => second = await fixture.Relay.RunOnceAsync(DateTimeOffset.MinValue, 10_000, ct),
        };

        await first.RunOnceAsync(DateTimeOffset.MinValue, 10_000);

        Assert.Equal(-1, second.Applied);
        Assert.Single(await fixture.Journal.IntervalsAsync(id));
    }

    [Fact]
    public void The_fold_ignores_events_before_creation_and_after_deletion()
    {
        var created = Created(Shanghai(11, 1), "d", "s", Vm(1, 1, 1));
        var state = LedgerFold.Apply(null, 1, created).Next;
        var ready = LedgerFold.Apply(state, 2, new ResourceBecameReady(Shanghai(11, 2), new Dictionary<string, string>()));
        var deleted = LedgerFold.Apply(ready.Next, 3, new ResourceDeleted(Shanghai(11, 3), "x"));
        var after = LedgerFold.Apply(deleted.Next, 4, new ResourceBecameReady(Shanghai(11, 4), new Dictionary<string, string>()));

        Assert.Null(LedgerFold.Apply(null, 1, new ResourceBecameReady(Shanghai(11, 2), new Dictionary<string, string>())).Next);
        Assert.Equal(new LedgerClose(2, 3, Shanghai(11, 3)), deleted.Close);
        Assert.False(after.ChangesIntervals);
    }
}
