using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Storage;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Tests.Tenancy;

public sealed class DepartmentStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DepartmentProfile Profile = new("财政局", "Finance Bureau", null, "B-1", [], DepartmentStatus.Active);

    private static QuotaVector V(long vcpu, long memory = 0) => new(new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = memory });

    private static List<DepartmentEvent> History() =>
    [
        new DepartmentCreated(T0, Profile, V(16, 64)),
        new ReservationHeld(T0.AddMinutes(1), "a", V(4, 8), TimeSpan.FromMinutes(15), T0.AddMinutes(16)),
        new ReservationHeld(T0.AddMinutes(2), "b", V(2, 4), TimeSpan.FromMinutes(15), T0.AddMinutes(17)),
        new ReservationCommitted(T0.AddMinutes(3), "a"),
        new ReservationDenied(T0.AddMinutes(4), "c", V(100), TimeSpan.FromMinutes(15), [new Shortfall("vcpu", 100, 10, 90)]),
        new ReservationExpired(T0.AddMinutes(17), "b"),
        new LimitsSet(T0.AddMinutes(18), V(8, 64)),
    ];

    [Fact]
    public void Applying_the_history_gives_used_reserved_and_finished_reservations()
    {
        var state = new DepartmentData();
        var seq = 0L;
        foreach (var e in History())
        {
            state.Apply(++seq, e);
        }

        Assert.Equal(V(4, 8), state.Used);
        Assert.True(state.Reserved.IsEmpty);
        Assert.Equal(V(8, 64), state.Limits);
        Assert.Equal(ReservationState.Committed, state.Find(ReservationOwner.System, "a")!.State);
        Assert.Equal(ReservationState.Expired, state.Find(ReservationOwner.System, "b")!.State);
        Assert.Equal(ReservationState.Denied, state.Find(ReservationOwner.System, "c")!.State);
        Assert.Equal(7, state.Seq);
    }

    [Fact]
    public void The_journal_json_round_trips_every_event_even_with_keys_reordered()
    {
        foreach (var e in History())
        {
            var json = BrokerJson.Serialize<DepartmentEvent>(e);
            // jsonb may hand the discriminator back last.
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            var type = node["type"]!.GetValue<string>();
            node.Remove("type");
            node["type"] = type;

            var back = BrokerJson.Deserialize<DepartmentEvent>(node.ToJsonString());

            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(BrokerJson.Serialize(e), BrokerJson.Serialize(back));
        }
    }

    [Fact]
    public void Release_of_a_committed_reservation_gives_its_use_back()
    {
        var state = new DepartmentData();
        state.Apply(1, new DepartmentCreated(T0, Profile, V(16)));
        state.Apply(2, new ReservationHeld(T0, "a", V(4), TimeSpan.FromMinutes(1), T0.AddMinutes(1)));
        state.Apply(3, new ReservationCommitted(T0, "a"));
        state.Apply(4, new ReservationReleased(T0, "a"));

        Assert.True(state.Used.IsEmpty);
        Assert.True(state.Reserved.IsEmpty);
        Assert.Equal(ReservationState.Released, state.Find(ReservationOwner.System, "a")!.State);
    }

    [Fact]
    public void Pruning_forgets_the_oldest_finished_reservations_beyond_the_window_or_the_count()
    {
        var state = new DepartmentData();
        state.Apply(1, new DepartmentCreated(T0, Profile, V(16)));
        for (var i = 0; i < 5; i++)
        {
            state.Apply(2 + i, new ReservationDenied(T0.AddMinutes(i), $"r{i}", V(100), TimeSpan.FromMinutes(1), []));
        }

        state.PruneFinished(T0.AddMinutes(4), TimeSpan.FromHours(1), maxEntries: 3);
        Assert.Equal(["r2", "r3", "r4"], state.Finished.Keys.Order(StringComparer.Ordinal));

        state.PruneFinished(T0.AddMinutes(63.5), TimeSpan.FromHours(1), maxEntries: 3);
        Assert.Equal(["r4"], state.Finished.Keys);
    }
}
