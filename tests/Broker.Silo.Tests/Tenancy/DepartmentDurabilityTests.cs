using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using Npgsql;
using static Broker.Silo.Tests.Tenancy.Departments;

namespace Broker.Silo.Tests.Tenancy;

public sealed class DepartmentDurabilityTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Theory]
    [InlineData("3")]     // snapshots written along the way; activation replays only the journal's tail
    [InlineData("100000")] // never a snapshot; activation replays the whole journal
    public async Task What_was_acknowledged_is_there_after_a_silo_restart(string snapshotEvery)
    {
        var code = NewCode("restart");
        var overrides = new Dictionary<string, string?> { ["Broker:Quota:SnapshotEvery"] = snapshotEvery };
        QuotaView before;
        IReadOnlyList<ReservationView> liveBefore;
        DepartmentView? profileBefore;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time, overrides))
        {
            var grain = await CreateAsync(silo.Grains, code, V(vcpu: 32, memory: 64, vms: 8));
            for (var i = 0; i < 10; i++)
            {
                Assert.True((await grain.ReserveAsync(Request($"r{i}", V(vcpu: 1, memory: 2, vms: i % 2)), Tooling, Admin)).Granted);
            }

            await grain.CommitAsync("r1", Tooling, Admin);
            await grain.CommitAsync("r2", Tooling, Admin);
            await grain.ReleaseAsync("r3", Tooling, Admin);
            await grain.ReleaseAsync("r2", Tooling, Admin);
            await grain.ReserveAsync(Request("denied", V(vcpu: 1000)), Tooling, Admin);
            before = (await grain.GetQuotaAsync())!;
            liveBefore = await grain.ListReservationsAsync(Tooling);
            profileBefore = await grain.GetAsync();
        }

        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time, overrides))
        {
            var grain = silo.Grains.GetGrain<IDepartmentGrain>(code);
            Assert.Equal(before, await grain.GetQuotaAsync());
            Assert.Equal(liveBefore, await grain.ListReservationsAsync(Tooling));
            Assert.Equal(profileBefore, await grain.GetAsync());
            var replay = await grain.ReserveAsync(Request("denied", V(vcpu: 1000)), Tooling, Admin);
            Assert.True(replay.Replayed);
            Assert.False(replay.Granted);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var snapshots = new NpgsqlCommand("select count(*) from orleans_storage where grain_id_extension = @code", connection);
        snapshots.Parameters.AddWithValue("code", code);
        Assert.Equal(snapshotEvery == "3" ? 1L : 0L, await snapshots.ExecuteScalarAsync());
    }
}
