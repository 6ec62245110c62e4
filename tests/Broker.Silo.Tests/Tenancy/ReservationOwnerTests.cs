using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>Owners in the department's state and journal: separate id spaces, legacy entries, repairs, and a property over random histories.</summary>
public sealed class ReservationOwnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DepartmentProfile Profile = new("财政局", "Finance Bureau", null, "B-1", [], DepartmentStatus.Active);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    private static QuotaVector V(long vcpu) => new(new Dictionary<string, long> { ["vcpu"] = vcpu });

    private static DepartmentData Apply(params DepartmentEvent[] events)
    {
        var state = new DepartmentData();
        state.Apply(1, new DepartmentCreated(T0, Profile, V(100)));
        var seq = 1L;
        foreach (var e in events)
        {
            state.Apply(++seq, e);
        }

        return state;
    }

    [Fact]
    public void The_same_id_names_one_reservation_per_owner_and_a_release_reaches_only_its_own()
    {
        var state = Apply(
            new ReservationHeld(T0, "o1-1", V(2), Ttl, T0 + Ttl, ReservationOwner.System),
            new ReservationCommitted(T0, "o1-1", ReservationOwner.System),
            new ReservationHeld(T0, "o1-1", V(3), Ttl, T0 + Ttl, ReservationOwner.Department),
            new ReservationReleased(T0, "o1-1", ReservationOwner.Department));

        Assert.Equal(V(2), state.Used);
        Assert.True(state.Reserved.IsEmpty);
        Assert.Equal(ReservationState.Committed, state.Find(ReservationOwner.System, "o1-1")!.State);
        Assert.Equal(ReservationState.Released, state.Find(ReservationOwner.Department, "o1-1")!.State);
    }

    [Fact]
    public void A_journal_entry_written_before_owners_existed_reads_as_system_owned()
    {
        var legacy = """{"type":"reservation.held","at":"2026-11-01T08:00:00+00:00","id":"o1-1","vector":{"vcpu":2},"ttl":"00:15:00","expiresAt":"2026-11-01T08:15:00+00:00"}""";

        var held = Assert.IsType<ReservationHeld>(BrokerJson.Deserialize<DepartmentEvent>(legacy));
        var released = Assert.IsType<ReservationReleased>(BrokerJson.Deserialize<DepartmentEvent>("""{"type":"reservation.released","at":"2026-11-01T08:00:00+00:00","id":"o1-1"}"""));

        Assert.Equal(ReservationOwner.System, held.Owner);
        Assert.Equal(ReservationOwner.System, released.Owner);
        Assert.Contains("\"owner\":\"department\"", BrokerJson.Serialize<DepartmentEvent>(held with { Owner = ReservationOwner.Department }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_repair_restores_a_finished_reservation_as_committed_and_a_release_repair_gives_use_back()
    {
        var state = Apply(
            new ReservationHeld(T0, "a", V(2), Ttl, T0 + Ttl),
            new ReservationExpired(T0 + Ttl, "a"),
            new ReservationRepaired(T0.AddHours(1), "a", V(4), "restored"));

        Assert.Equal(V(4), state.Used);
        Assert.Equal(ReservationState.Committed, state.Find(ReservationOwner.System, "a")!.State);
        Assert.DoesNotContain(ReservationKey.Of(ReservationOwner.System, "a"), state.Finished.Keys);

        state.Apply(state.Seq + 1, new ReservationRepaired(T0.AddHours(2), "a", null, "released"));

        Assert.True(state.Used.IsEmpty);
        Assert.Equal(ReservationState.Released, state.Find(ReservationOwner.System, "a")!.State);
    }

    /// <summary>
    /// Random histories of both owners' calls (as the grain would emit them, each on a live reservation of its owner):
    /// used and reserved always equal the sums over live reservations, and whatever the department's tooling does, the
    /// system-owned use is exactly what the system committed.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Over_random_histories_the_department_s_calls_never_change_system_owned_use(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var state = Apply();
            var ids = new[] { "o1-1", "o1-2", "o2-1", "tool-a" };
            for (var step = 0; step < 60; step++)
            {
                var owner = random.Next(2) == 0 ? ReservationOwner.System : ReservationOwner.Department;
                var id = ids[random.Next(ids.Length)];
                var current = state.Live.GetValueOrDefault(ReservationKey.Of(owner, id));
                var at = T0.AddMinutes(step);
                DepartmentEvent e = (random.Next(5), current?.State) switch
                {
                    (0, null) => new ReservationHeld(at, id, V(random.Next(1, 5)), Ttl, at + Ttl, owner),
                    (1, ReservationState.Held) => new ReservationCommitted(at, id, owner),
                    (2, not null) => new ReservationReleased(at, id, owner),
                    (3, not null) => new ReservationResized(at, id, V(random.Next(1, 5)), owner),
                    (4, ReservationState.Held) => new ReservationExpired(at, id, owner),
                    // A transition whose precondition does not hold for this owner's reservation: the state ignores it.
                    _ => new ReservationCommitted(at, id, owner),
                };
                var systemBefore = SystemUsed(state);

                state.Apply(state.Seq + 1, e);

                if (owner == ReservationOwner.Department)
                {
                    Assert.Equal(systemBefore, SystemUsed(state));
                }

                Assert.Equal(Sum(state, ReservationState.Committed), state.Used["vcpu"]);
                Assert.Equal(Sum(state, ReservationState.Held), state.Reserved["vcpu"]);
            }
        }
    }

    private static long SystemUsed(DepartmentData state) =>
        state.Live.Values.Where(r => r.Owner == ReservationOwner.System && r.State == ReservationState.Committed).Sum(r => r.Vector["vcpu"]);

    private static long Sum(DepartmentData state, ReservationState which) => state.Live.Values.Where(r => r.State == which).Sum(r => r.Vector["vcpu"]);
}
