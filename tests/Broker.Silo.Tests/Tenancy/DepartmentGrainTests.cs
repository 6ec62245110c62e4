using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Tests.Hosting;
using Npgsql;
using static Broker.Silo.Tests.Tenancy.Departments;

namespace Broker.Silo.Tests.Tenancy;

public sealed class DepartmentGrainTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private IGrainFactory Grains => fixture.Silo.Grains;

    [Fact]
    public async Task Reserve_is_all_or_nothing_and_a_denial_names_each_short_dimension()
    {
        var grain = await CreateAsync(Grains, NewCode("aon"), V(vcpu: 8, memory: 16, vms: 2));

        var denied = await grain.ReserveAsync(Request("big", V(vcpu: 10, memory: 8, vms: 3)), Tooling, Admin);

        Assert.False(denied.Granted);
        Assert.Equal(BrokerErrorKind.Denied, denied.Error!.Kind);
        Assert.Equal([new Shortfall("vcpu", 10, 8, 2), new Shortfall("vms", 3, 2, 1)], denied.Reservation!.Shortfalls.OrderBy(s => s.Dimension, StringComparer.Ordinal));
        var quota = await grain.GetQuotaAsync();
        Assert.True(quota!.Reserved.IsEmpty);
        Assert.True(quota.Used.IsEmpty);
    }

    [Fact]
    public async Task Commit_and_release_move_amounts_between_reserved_used_and_available()
    {
        var grain = await CreateAsync(Grains, NewCode("life"), V(vcpu: 8, memory: 16));

        Assert.True((await grain.ReserveAsync(Request("r1", V(vcpu: 3, memory: 4)), Tooling, Admin)).Granted);
        var afterReserve = await grain.GetQuotaAsync();
        Assert.Equal(V(vcpu: 3, memory: 4), afterReserve!.Reserved);
        Assert.Equal(5, afterReserve.Available("vcpu"));

        var committed = await grain.CommitAsync("r1", Tooling, Admin);
        Assert.Equal(ReservationState.Committed, committed.Reservation!.State);
        var afterCommit = await grain.GetQuotaAsync();
        Assert.Equal(V(vcpu: 3, memory: 4), afterCommit!.Used);
        Assert.True(afterCommit.Reserved.IsEmpty);

        var released = await grain.ReleaseAsync("r1", Tooling, Admin);
        Assert.Equal(ReservationState.Released, released.Reservation!.State);
        var afterRelease = await grain.GetQuotaAsync();
        Assert.True(afterRelease!.Used.IsEmpty);
        Assert.Equal(8, afterRelease.Available("vcpu"));

        var again = await grain.ReleaseAsync("r1", Tooling, Admin);
        Assert.True(again.Replayed);
        Assert.Equal(8, (await grain.GetQuotaAsync())!.Available("vcpu"));
    }

    [Fact]
    public async Task A_replayed_reservation_returns_the_first_answer_and_a_different_vector_conflicts()
    {
        var grain = await CreateAsync(Grains, NewCode("replay"), V(vcpu: 8));

        var first = await grain.ReserveAsync(Request("same", V(vcpu: 5)), Tooling, Admin);
        var replay = await grain.ReserveAsync(Request("same", V(vcpu: 5)), Tooling, Admin);
        var different = await grain.ReserveAsync(Request("same", V(vcpu: 1)), Tooling, Admin);

        Assert.True(first.Granted);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Reservation, replay.Reservation);
        Assert.Equal(BrokerErrorKind.Conflict, different.Error!.Kind);
        Assert.Equal(V(vcpu: 5), (await grain.GetQuotaAsync())!.Reserved);
    }

    [Fact]
    public async Task A_replayed_denial_stays_denied_after_quota_frees_up()
    {
        var grain = await CreateAsync(Grains, NewCode("denial"), V(vcpu: 4));
        Assert.True((await grain.ReserveAsync(Request("holder", V(vcpu: 4)), Tooling, Admin)).Granted);
        Assert.False((await grain.ReserveAsync(Request("late", V(vcpu: 2)), Tooling, Admin)).Granted);

        await grain.ReleaseAsync("holder", Tooling, Admin);
        var replay = await grain.ReserveAsync(Request("late", V(vcpu: 2)), Tooling, Admin);

        Assert.True(replay.Replayed);
        Assert.False(replay.Granted);
        Assert.True((await grain.GetQuotaAsync())!.Reserved.IsEmpty);
    }

    [Fact]
    public async Task Expired_reservations_are_released_by_the_grain_on_its_own()
    {
        var grain = await CreateAsync(Grains, NewCode("expiry"), V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request("short", V(vcpu: 2), TimeSpan.FromMinutes(1)), Tooling, Admin)).Granted);
        Assert.True((await grain.ReserveAsync(Request("long", V(vcpu: 3), TimeSpan.FromHours(1)), Tooling, Admin)).Granted);

        fixture.Silo.Time.Advance(TimeSpan.FromMinutes(2));

        var quota = await grain.GetQuotaAsync();
        Assert.Equal(V(vcpu: 3), quota!.Reserved);
        Assert.Equal(ReservationState.Expired, (await grain.GetReservationAsync("short", Tooling))!.State);
        Assert.Equal(BrokerErrorKind.Conflict, (await grain.CommitAsync("short", Tooling, Admin)).Error!.Kind);
    }

    [Fact]
    public async Task Lowering_a_limit_below_use_is_allowed_and_then_nothing_new_fits()
    {
        var grain = await CreateAsync(Grains, NewCode("lower"), V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request("a", V(vcpu: 6)), Tooling, Admin)).Granted);
        await grain.CommitAsync("a", Tooling, Admin);

        var lowered = await grain.SetLimitsAsync(V(vcpu: 4), Admin);
        Assert.Null(lowered.Error);

        var refused = await grain.ReserveAsync(Request("b", V(vcpu: 1)), Tooling, Admin);
        Assert.Equal([new Shortfall("vcpu", 1, 0, 1)], refused.Reservation!.Shortfalls);
        Assert.Equal(0, (await grain.GetQuotaAsync())!.Available("vcpu"));
    }

    [Fact]
    public async Task Invalid_vectors_are_refused_and_change_nothing()
    {
        var grain = await CreateAsync(Grains, NewCode("invalid"), V(vcpu: 8));
        var before = await grain.GetQuotaAsync();

        var unknown = await grain.ReserveAsync(Request("u", new QuotaVector(new Dictionary<string, long> { ["gpu"] = 1 })), Tooling, Admin);
        var negative = await grain.ReserveAsync(Request("n", new QuotaVector(new Dictionary<string, long> { ["vcpu"] = -1 })), Tooling, Admin);
        var empty = await grain.ReserveAsync(Request("e", QuotaVector.Empty), Tooling, Admin);
        var ttl = await grain.ReserveAsync(Request("t", V(vcpu: 1), TimeSpan.Zero), Tooling, Admin);
        var badLimit = await grain.SetLimitsAsync(new QuotaVector(new Dictionary<string, long> { ["vcpu"] = -5 }), Admin);

        Assert.Equal("vector.gpu", unknown.Error!.Field);
        Assert.Equal("vector.vcpu", negative.Error!.Field);
        Assert.Equal("vector", empty.Error!.Field);
        Assert.Equal("ttl", ttl.Error!.Field);
        Assert.Equal("limits.vcpu", badLimit.Error!.Field);
        Assert.Equal(before, await grain.GetQuotaAsync());
        Assert.Null(await grain.GetReservationAsync("u", Tooling));
    }

    [Fact]
    public async Task A_suspended_department_refuses_new_reservations_but_keeps_its_holds()
    {
        var code = NewCode("suspend");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request("kept", V(vcpu: 2)), Tooling, Admin)).Granted);

        var view = await grain.GetAsync();
        await grain.UpdateProfileAsync(view!.Profile with { Status = DepartmentStatus.Suspended }, Admin);

        var refused = await grain.ReserveAsync(Request("new", V(vcpu: 1)), Tooling, Admin);
        Assert.Equal("department.suspended", refused.Error!.Code);
        Assert.Equal(V(vcpu: 2), (await grain.GetQuotaAsync())!.Reserved);
    }

    [Fact]
    public async Task A_department_holding_reservations_cannot_be_deleted_and_an_empty_one_can()
    {
        var grain = await CreateAsync(Grains, NewCode("delete"), V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request("x", V(vcpu: 2)), Tooling, Admin)).Granted);

        Assert.Equal("department.in-use", (await grain.DeleteAsync(Admin))!.Code);
        await grain.ReleaseAsync("x", Tooling, Admin);
        Assert.Null(await grain.DeleteAsync(Admin));
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Creating_the_same_department_twice_is_idempotent_and_with_other_content_conflicts()
    {
        var code = NewCode("create");
        await CreateAsync(Grains, code, V(vcpu: 8));
        var grain = Grains.GetGrain<IDepartmentGrain>(code);

        var same = await grain.CreateAsync(new DepartmentProfile("测试部门", "Test department", null, null, [], DepartmentStatus.Active), V(vcpu: 8), Admin);
        var other = await grain.CreateAsync(new DepartmentProfile("别的", "Other", null, null, [], DepartmentStatus.Active), V(vcpu: 8), Admin);

        Assert.Null(same.Error);
        Assert.Equal("department.exists", other.Error!.Code);
    }

    [Fact]
    public async Task Every_change_is_in_the_journal_and_the_audit_trail_with_who_and_before_after()
    {
        var code = NewCode("audit");
        var grain = await CreateAsync(Grains, code, V(vcpu: 8));
        var actor = new Actor("alice@dept", "Alice", "corr-42");
        await grain.ReserveAsync(Request("a1", V(vcpu: 2)), Tooling, actor);
        await grain.CommitAsync("a1", Tooling, actor);
        await grain.SetLimitsAsync(V(vcpu: 10), Admin);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var journal = new NpgsqlCommand("select count(*) from broker.department_journal where department = @d", connection);
        journal.Parameters.AddWithValue("d", code);
        Assert.Equal(4L, await journal.ExecuteScalarAsync());

        await using var audit = new NpgsqlCommand(
            "select action, actor, correlation_id, before->>'state', after->>'state' from broker.audit_log where department = @d and object_id = 'a1' order by id", connection);
        audit.Parameters.AddWithValue("d", code);
        await using var reader = await audit.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        Assert.Equal(
            [("reservation.held", "alice@dept", "corr-42", null, "held"), ("reservation.committed", "alice@dept", "corr-42", "held", "committed")],
            rows);
    }

    [Fact]
    public async Task Reserving_several_ids_is_all_or_nothing_and_a_replay_returns_the_first_answer()
    {
        var grain = await CreateAsync(Grains, NewCode("many"), V(vcpu: 10));
        var three = Enumerable.Range(1, 3).Select(i => Request($"o1-{i}", V(vcpu: 3))).ToList();
        var four = Enumerable.Range(1, 4).Select(i => Request($"o2-{i}", V(vcpu: 3))).ToList();

        var granted = await grain.ReserveManyAsync(three, Tooling, Admin);
        var denied = await grain.ReserveManyAsync(four, Tooling, Admin);
        var replay = await grain.ReserveManyAsync(three, Tooling, Admin);

        Assert.True(granted.Granted);
        Assert.Equal([new Shortfall("vcpu", 12, 1, 11)], denied.Shortfalls);
        Assert.True(replay.Replayed);
        Assert.Equal(V(vcpu: 9), (await grain.GetQuotaAsync())!.Reserved);
        Assert.Equal(ReservationState.Denied, (await grain.GetReservationAsync("o2-4", Tooling))!.State);
    }

    [Fact]
    public async Task Resizing_takes_growth_only_if_it_fits_and_gives_shrinkage_back()
    {
        var grain = await CreateAsync(Grains, NewCode("resize"), V(vcpu: 10, memory: 10));
        Assert.True((await grain.ReserveAsync(Request("vm", V(vcpu: 4, memory: 4)), Tooling, Admin)).Granted);
        await grain.CommitAsync("vm", Tooling, Admin);

        var grown = await grain.ResizeAsync("vm", V(vcpu: 8, memory: 4), Tooling, Admin);
        var tooBig = await grain.ResizeAsync("vm", V(vcpu: 12, memory: 4), Tooling, Admin);
        Assert.Null(grown.Error);
        Assert.Equal([new Shortfall("vcpu", 4, 2, 2)], tooBig.Reservation!.Shortfalls);
        Assert.Equal(V(vcpu: 8, memory: 4), (await grain.GetQuotaAsync())!.Used);

        await grain.ResizeAsync("vm", V(vcpu: 2, memory: 2), Tooling, Admin);
        Assert.Equal(V(vcpu: 2, memory: 2), (await grain.GetQuotaAsync())!.Used);
    }
}
