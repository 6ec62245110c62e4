using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using static Broker.Silo.Tests.Tenancy.Departments;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>
/// Finished reservations are remembered for replays only for the replay window: the department grain's periodic
/// sweep forgets them after it, without waiting for a snapshot.
/// </summary>
public sealed class FinishedReservationPruningTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_finished_reservation_is_forgotten_after_the_replay_window_and_its_id_is_free_again()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["Broker:Quota:ReplayWindow"] = "01:00:00",
            ["Broker:Quota:ExpirySweepInterval"] = "00:00:00.200",
            // No snapshot in this test: pruning must not depend on one.
            ["Broker:Quota:SnapshotEvery"] = "100000",
        });
        var grain = await CreateAsync(silo.Grains, NewCode("prune"), V(vcpu: 8));
        Assert.True((await grain.ReserveAsync(Request("done", V(vcpu: 2)), Tooling, Admin)).Granted);
        Assert.Equal(ReservationState.Released, (await grain.ReleaseAsync("done", Tooling, Admin)).Reservation!.State);
        Assert.True((await grain.ReserveAsync(Request("recent", V(vcpu: 1), TimeSpan.FromHours(2)), Tooling, Admin)).Granted);

        silo.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(ReservationState.Released, (await grain.GetReservationAsync("done", Tooling))!.State);
        Assert.Equal(BrokerErrorKind.Conflict, (await grain.ReserveAsync(Request("done", V(vcpu: 3)), Tooling, Admin)).Error!.Kind);

        Assert.Equal(ReservationState.Released, (await grain.ReleaseAsync("recent", Tooling, Admin)).Reservation!.State);
        silo.Time.Advance(TimeSpan.FromMinutes(31));
        await Eventually(async () => await grain.GetReservationAsync("done", Tooling) is null, TimeSpan.FromSeconds(30));
        // Finished 31 minutes ago: still inside the window, still remembered.
        Assert.Equal(ReservationState.Released, (await grain.GetReservationAsync("recent", Tooling))!.State);
        var reused = await grain.ReserveAsync(Request("done", V(vcpu: 3)), Tooling, Admin);
        Assert.True(reused.Granted);
        Assert.False(reused.Replayed);
    }
}
