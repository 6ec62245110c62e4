using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Npgsql;
using static Broker.Silo.Tests.Tenancy.Departments;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>A reservation decision and another grain's rows committed in one transaction, or neither.</summary>
public sealed class AlongsideReservationTests(AlongsideSiloFixture fixture) : IClassFixture<AlongsideSiloFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fixture.Silo.Grains;

    [Fact]
    public async Task A_granted_reservation_and_its_alongside_rows_are_durable_together()
    {
        var code = NewCode("along-ok");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));
        var fence = await FenceAsync();

        var result = await grain.ReserveManyAsync([Request($"{code}-1", V(vcpu: 2)), Request($"{code}-2", V(vcpu: 2))], Tooling, Admin, ScratchRowsWriter.Write(code, fence));

        Assert.True(result.Granted);
        Assert.Equal(1, await RowsAsync(code));
        Assert.Equal(1, await TouchedAsync(fence));
        Assert.Equal(2, await HeldInJournalAsync(code));
    }

    [Theory]
    [InlineData("fence")]     // the fence affects no row
    [InlineData("throws")]    // the writer throws while adding its statements
    [InlineData("duplicate")] // a statement fails in PostgreSQL
    public async Task When_the_alongside_rows_fail_neither_they_nor_the_reservation_are_durable(string failure)
    {
        var code = NewCode("along-fail");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request($"{code}-before", V(vcpu: 1)), Tooling, Admin)).Granted);
        var before = await grain.GetQuotaAsync();
        var fence = await FenceAsync();
        if (failure == "duplicate")
        {
            await fixture.ExecuteAsync("insert into alongside_rows (id) values (@id)", ("id", code));
        }

        var write = ScratchRowsWriter.Write(code, failure == "fence" ? "no-such-fence" : fence, throws: failure == "throws");
        await Assert.ThrowsAnyAsync<Exception>(() => grain.ReserveManyAsync([Request($"{code}-1", V(vcpu: 2))], Tooling, Admin, write));

        Assert.Equal(failure == "duplicate" ? 1 : 0, await RowsAsync(code));
        Assert.Equal(0, await TouchedAsync(fence));
        Assert.Equal(1, await HeldInJournalAsync(code));
        // What is read holds what PostgreSQL holds, and once the failed activation is gone the next one decides again.
        Assert.Equal(before!.Reserved, (await grain.GetQuotaAsync())!.Reserved);
        Assert.Null(await grain.GetReservationAsync($"{code}-1", Tooling));
        var (_, retried) = await Eventually(
            () => TryAsync(() => grain.ReserveManyAsync([Request($"{code}-1", V(vcpu: 2))], Tooling, Admin, ScratchRowsWriter.Write($"{code}-retry", fence))),
            r => r.Answered,
            Deadline);
        Assert.True(retried!.Granted);
        Assert.False(retried.Replayed);
        Assert.Equal(1, await RowsAsync($"{code}-retry"));
        Assert.Equal(V(vcpu: 3), (await grain.GetQuotaAsync())!.Reserved);
    }

    [Fact]
    public async Task A_refused_reservation_writes_nothing_alongside()
    {
        var code = NewCode("along-deny");
        var grain = await CreateAsync(Grains, code, V(vcpu: 2));
        var fence = await FenceAsync();

        var result = await grain.ReserveManyAsync([Request($"{code}-1", V(vcpu: 2)), Request($"{code}-2", V(vcpu: 2))], Tooling, Admin, ScratchRowsWriter.Write(code, fence));

        Assert.False(result.Granted);
        Assert.Equal("quota.exceeded", result.Error!.Code);
        Assert.Equal(0, await RowsAsync(code));
        Assert.Equal(0, await TouchedAsync(fence));
    }

    [Fact]
    public async Task A_replay_returns_the_first_answer_and_writes_nothing_again()
    {
        var code = NewCode("along-replay");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));
        var fence = await FenceAsync();
        IReadOnlyList<ReservationRequest> requests = [Request($"{code}-1", V(vcpu: 2))];
        var first = await grain.ReserveManyAsync(requests, Tooling, Admin, ScratchRowsWriter.Write(code, fence));

        var replay = await grain.ReserveManyAsync(requests, Tooling, Admin, ScratchRowsWriter.Write($"{code}-again", fence));

        Assert.True(replay.Replayed);
        Assert.Equal(first.Reservations, replay.Reservations);
        Assert.Equal(0, await RowsAsync($"{code}-again"));
        Assert.Equal(1, await TouchedAsync(fence));
        Assert.Equal(1, await HeldInJournalAsync(code));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_before_anything_is_decided()
    {
        var code = NewCode("along-kind");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            grain.ReserveManyAsync([Request($"{code}-1", V(vcpu: 2))], Tooling, Admin, new AlongsideWrite("no-such-kind", "{}")));

        Assert.Null(await grain.GetReservationAsync($"{code}-1", Tooling));
        Assert.True((await grain.GetQuotaAsync())!.Reserved.IsEmpty);
        Assert.Equal(0, await HeldInJournalAsync(code));
    }

    [Fact]
    public async Task One_departments_failing_alongside_write_does_not_fail_another_in_the_same_shared_transaction()
    {
        // Everything that writes is set up first: while the lock is held, the department journal writes nothing else.
        var goodCode = NewCode("along-good");
        var badCode = NewCode("along-bad");
        var good = await CreateAsync(Grains, goodCode, V(vcpu: 8));
        var bad = await CreateAsync(Grains, badCode, V(vcpu: 8));
        var goodFence = await FenceAsync();
        var blockers = new List<IDepartmentGrain> { await CreateAsync(Grains, NewCode("along-block"), V(vcpu: 8)), await CreateAsync(Grains, NewCode("along-block"), V(vcpu: 8)) };
        var blockerFences = new[] { await FenceAsync(), await FenceAsync() };
        var lockKey = Random.Shared.Next(1, int.MaxValue);
        await using var holder = new NpgsqlConnection(fixture.ConnectionString);
        await holder.OpenAsync();
        await using (var take = AlongsideSiloFixture.Command(holder, "select pg_advisory_lock(@key)", ("key", (long)lockKey)))
        {
            await take.ExecuteNonQueryAsync();
        }

        // Keep both of the shared writer's transactions waiting on the lock, one blocker each, so that the next two
        // departments' writes queue up and are taken together.
        var blocked = new List<Task<ReservationBatchResult>>();
        for (var i = 0; i < blockers.Count; i++)
        {
            var id = $"{blockers[i].GetPrimaryKeyString()}-1";
            blocked.Add(blockers[i].ReserveManyAsync([Request(id, V(vcpu: 1))], Tooling, Admin, ScratchRowsWriter.Write(id, blockerFences[i], waitForLock: lockKey)));
            var waiting = i + 1;
            await Eventually(async () => await WaitingForAsync(lockKey) == waiting, Deadline);
        }

        var goodAnswer = good.ReserveManyAsync([Request($"{goodCode}-1", V(vcpu: 2))], Tooling, Admin, ScratchRowsWriter.Write(goodCode, goodFence));
        var badAnswer = bad.ReserveManyAsync([Request($"{badCode}-1", V(vcpu: 2))], Tooling, Admin, ScratchRowsWriter.Write(badCode, "no-such-fence"));
        // A decision the grain has made is already queued for the writer (recording it hands it over).
        await Eventually(async () => !(await good.GetQuotaAsync())!.Reserved.IsEmpty && !(await bad.GetQuotaAsync())!.Reserved.IsEmpty, Deadline);
        await using (var release = AlongsideSiloFixture.Command(holder, "select pg_advisory_unlock(@key)", ("key", (long)lockKey)))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.True((await goodAnswer).Granted);
        await Assert.ThrowsAnyAsync<Exception>(() => badAnswer);
        Assert.All(await Task.WhenAll(blocked), b => Assert.True(b.Granted));
        // The two were tried in one transaction first, and then one by one.
        Assert.Contains(fixture.Writer.Calls.GroupBy(c => c.Batch), attempt => attempt.Any(c => c.Row == goodCode) && attempt.Any(c => c.Row == badCode));
        Assert.Equal(1, await RowsAsync(goodCode));
        Assert.Equal(1, await HeldInJournalAsync(goodCode));
        Assert.Equal(0, await RowsAsync(badCode));
        Assert.Equal(0, await HeldInJournalAsync(badCode));
        Assert.True((await bad.GetQuotaAsync())!.Reserved.IsEmpty);
    }

    /// <summary>The call's answer, or none while the department is still reloading after a failed write.</summary>
    private static async Task<(bool Answered, T? Value)> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return (true, await call());
        }
        catch (InvalidOperationException)
        {
            return (false, default);
        }
    }

    private async Task<string> FenceAsync()
    {
        var fence = Guid.NewGuid().ToString("n");
        await fixture.ExecuteAsync("insert into alongside_fences (id) values (@id)", ("id", fence));
        return fence;
    }

    private Task<long> RowsAsync(string row) => fixture.CountAsync("select count(*) from alongside_rows where id = @id", ("id", row));

    private Task<long> TouchedAsync(string fence) => fixture.CountAsync("select touched from alongside_fences where id = @id", ("id", fence));

    private Task<long> HeldInJournalAsync(string code) =>
        fixture.CountAsync("select count(*) from broker.department_journal where department = @code and type = 'reservation.held'", ("code", code));

    private Task<long> WaitingForAsync(int key) => fixture.CountAsync(
        "select count(*) from pg_locks where locktype = 'advisory' and not granted and classid = 0 and objid = @key and database = (select oid from pg_database where datname = current_database())",
        ("key", (long)key));
}
