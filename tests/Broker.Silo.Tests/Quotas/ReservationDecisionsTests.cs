using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Tests.Quotas;

/// <summary>The department's reservation decisions, without a silo: reserving one request is reserving a set of one.</summary>
public sealed class ReservationDecisionsTests
{
    private const ReservationOwner Owner = ReservationOwner.System;
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    private static readonly QuotaValidation Validation = new(Options.Create(new QuotaOptions
    {
        Dimensions = QuotaOptions.RequiredDimensions.Select(d => new QuotaDimension { Name = d, Unit = "1", NameZh = d, NameEn = d }).ToList(),
    }));

    private static QuotaVector V(long vcpu, long vms = 0) => new(new Dictionary<string, long> { ["vcpu"] = vcpu, ["vms"] = vms });

    private static ReservationRequest R(string id, QuotaVector vector) => new(id, vector, Ttl);

    // Answers hold lists, which records compare by reference; their JSON compares what a caller sees.
    private static string Json(object value) => BrokerJson.Serialize(value);

    /// <summary>A department with <paramref name="limits"/> after <paramref name="history"/>, as the grain would hold it.</summary>
    private static DepartmentData Department(QuotaVector limits, params DepartmentEvent[] history)
    {
        var state = new DepartmentData();
        state.Apply(1, new DepartmentCreated(T0, new DepartmentProfile("测试", "Test", null, null, [], DepartmentStatus.Active), limits));
        foreach (var e in history)
        {
            state.Apply(state.Seq + 1, e);
        }

        return state;
    }

    private static ReservationBatchResult Decide(DepartmentData state, params ReservationRequest[] requests)
    {
        var decision = ReservationDecisions.Reserve(state, requests, Owner, T0);
        foreach (var e in decision.Events)
        {
            state.Apply(state.Seq + 1, e);
        }

        return decision.Outcome switch
        {
            ReserveOutcome.Refused or ReserveOutcome.Conflict => decision.Refusal,
            _ => ReservationDecisions.Answer(state, requests, Owner, replayed: decision.Outcome == ReserveOutcome.Replayed),
        };
    }

    [Fact]
    public void A_set_is_held_whole_when_its_sum_fits()
    {
        var state = Department(V(8, 4));

        var decision = ReservationDecisions.Reserve(state, [R("a", V(3, 1)), R("b", V(5, 1))], Owner, T0);

        Assert.Equal(ReserveOutcome.Granted, decision.Outcome);
        Assert.Equal(
            [new ReservationHeld(T0, "a", V(3, 1), Ttl, T0 + Ttl, Owner), new ReservationHeld(T0, "b", V(5, 1), Ttl, T0 + Ttl, Owner)],
            decision.Events);
    }

    [Fact]
    public void A_set_whose_sum_does_not_fit_is_denied_whole_with_the_shortfall_of_the_sum_on_every_entry()
    {
        var state = Department(V(8, 4), new ReservationHeld(T0, "held", V(2), Ttl, T0 + Ttl, Owner));

        var answer = Decide(state, R("a", V(3, 1)), R("b", V(4, 1)));

        Assert.False(answer.Granted);
        Assert.Equal(ReservationDecisions.QuotaExceeded, answer.Error);
        Assert.Equal([new Shortfall("vcpu", 7, 6, 1)], answer.Shortfalls);
        Assert.All(answer.Reservations, r =>
        {
            Assert.Equal(ReservationState.Denied, r.State);
            Assert.Equal(answer.Shortfalls, r.Shortfalls);
        });
        Assert.Equal(V(2), state.Reserved);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void One_request_is_decided_exactly_as_a_set_of_one(long vcpu, bool fits)
    {
        var alone = Decide(Department(V(4)), R("a", V(vcpu)));
        var inSet = Decide(Department(V(4)), [R("a", V(vcpu))]);

        Shortfall[] shortfalls = fits ? [] : [new Shortfall("vcpu", 5, 4, 1)];
        Assert.Equal(fits, alone.Granted);
        Assert.Equal(Json(inSet), Json(alone));
        Assert.Equal(shortfalls, alone.Reservations[0].Shortfalls);
    }

    [Fact]
    public void The_same_set_again_is_a_replay_of_the_first_answer_even_after_quota_frees_up()
    {
        var state = Department(V(4), new ReservationHeld(T0, "holder", V(4), Ttl, T0 + Ttl, Owner));
        var first = Decide(state, R("a", V(1)), R("b", V(1)));
        state.Apply(state.Seq + 1, new ReservationReleased(T0, "holder", Owner));

        var again = Decide(state, R("a", V(1)), R("b", V(1)));

        Assert.False(first.Granted);
        Assert.True(again.Replayed);
        Assert.Equal(Json(first with { Replayed = true }), Json(again));
    }

    [Fact]
    public void A_filed_id_with_another_vector_or_in_another_set_conflicts_and_names_what_is_filed()
    {
        var state = Department(V(8));
        var first = Decide(state, R("a", V(1)));

        var otherVector = ReservationDecisions.Reserve(state, [R("a", V(2))], Owner, T0);
        var otherSet = ReservationDecisions.Reserve(state, [R("a", V(1)), R("new", V(1))], Owner, T0);

        Assert.All([otherVector, otherSet], d =>
        {
            Assert.Equal(ReserveOutcome.Conflict, d.Outcome);
            Assert.Equal("reservation.id-reused", d.Error!.Code);
            Assert.Equal(Json(first.Reservations), Json(d.Existing));
            Assert.Empty(d.Events);
        });
    }

    [Fact]
    public void Another_owners_id_is_another_reservation()
    {
        var state = Department(V(8));
        Decide(state, R("a", V(1)));

        var decision = ReservationDecisions.Reserve(state, [R("a", V(2))], ReservationOwner.Department, T0);

        Assert.Equal(ReserveOutcome.Granted, decision.Outcome);
    }

    [Fact]
    public void A_missing_or_suspended_department_decides_nothing()
    {
        var suspended = Department(V(8), new ProfileUpdated(T0, new DepartmentProfile("测试", "Test", null, null, [], DepartmentStatus.Suspended)));

        var missing = ReservationDecisions.Reserve(new DepartmentData(), [R("a", V(1))], Owner, T0);
        var refused = ReservationDecisions.Reserve(suspended, [R("a", V(1))], Owner, T0);

        Assert.Equal((ReserveOutcome.Refused, "department.not-found"), (missing.Outcome, missing.Error!.Code));
        Assert.Equal((ReserveOutcome.Refused, "department.suspended"), (refused.Outcome, refused.Error!.Code));
        Assert.Empty(missing.Events);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void Requests_are_checked_before_any_state_is_read()
    {
        Assert.Equal("vector.empty", ReservationDecisions.Invalid(Validation, [])!.Code);
        Assert.Equal("reservation.id-reused", ReservationDecisions.Invalid(Validation, [R("a", V(1)), R("a", V(2))])!.Code);
        Assert.Equal("vector.not-positive", ReservationDecisions.Invalid(Validation, [R("a", V(1)), R("b", V(-1, 1))])!.Code);
        Assert.Equal("reservation.ttl-out-of-range", ReservationDecisions.Invalid(Validation, [new ReservationRequest("a", V(1), TimeSpan.Zero)])!.Code);
        Assert.Null(ReservationDecisions.Invalid(Validation, [R("a", V(1)), R("b", V(2))]));
    }

    [Fact]
    public void Only_growth_has_to_fit_a_resize()
    {
        var state = Department(V(8), new ReservationHeld(T0, "a", V(4), Ttl, T0 + Ttl, Owner), new ReservationHeld(T0, "b", V(3), Ttl, T0 + Ttl, Owner));

        var shrink = ReservationDecisions.Resize(state, "a", V(1), Owner, T0);
        var fits = ReservationDecisions.Resize(state, "a", V(5), Owner, T0);
        var tooBig = ReservationDecisions.Resize(state, "a", V(6), Owner, T0);
        var same = ReservationDecisions.Resize(state, "a", V(4), Owner, T0);

        Assert.Equal(new ReservationResized(T0, "a", V(1), Owner), shrink.Change);
        Assert.Equal(new ReservationResized(T0, "a", V(5), Owner), fits.Change);
        Assert.Null(tooBig.Change);
        Assert.Equal(ReservationDecisions.QuotaExceeded, tooBig.Answer!.Error);
        Assert.Equal([new Shortfall("vcpu", 2, 1, 1)], tooBig.Answer.Reservation!.Shortfalls);
        Assert.True(same.Replay);
        Assert.Null(same.Change);
    }

    [Fact]
    public void Commit_and_release_are_idempotent_and_refuse_what_is_not_held()
    {
        var state = Department(
            V(8),
            new ReservationHeld(T0, "held", V(1), Ttl, T0 + Ttl, Owner),
            new ReservationHeld(T0, "done", V(1), Ttl, T0 + Ttl, Owner),
            new ReservationCommitted(T0, "done", Owner),
            new ReservationDenied(T0, "denied", V(100), Ttl, [new Shortfall("vcpu", 100, 6, 94)], Owner));

        Assert.Equal(new ReservationCommitted(T0, "held", Owner), ReservationDecisions.Commit(state, "held", Owner, T0).Change);
        Assert.True(ReservationDecisions.Commit(state, "done", Owner, T0).Replay);
        Assert.Equal("reservation.not-held", ReservationDecisions.Commit(state, "denied", Owner, T0).Answer!.Error!.Code);
        Assert.Equal("reservation.not-found", ReservationDecisions.Commit(state, "nope", Owner, T0).Answer!.Error!.Code);
        Assert.Equal(new ReservationReleased(T0, "done", Owner), ReservationDecisions.Release(state, "done", Owner, T0).Change);
        Assert.True(ReservationDecisions.Release(state, "denied", Owner, T0).Replay);
        Assert.Equal("reservation.not-found", ReservationDecisions.Release(state, "held", ReservationOwner.Department, T0).Answer!.Error!.Code);
    }

    [Fact]
    public void Only_held_reservations_whose_time_is_up_expire()
    {
        var state = Department(
            V(8),
            new ReservationHeld(T0, "due", V(1), Ttl, T0 + Ttl, Owner),
            new ReservationHeld(T0, "later", V(1), Ttl * 2, T0 + (Ttl * 2), Owner),
            new ReservationHeld(T0, "used", V(1), Ttl, T0 + Ttl, Owner),
            new ReservationCommitted(T0, "used", Owner));

        Assert.Equal([new ReservationExpired(T0 + Ttl, "due", Owner)], ReservationDecisions.Expired(state, T0 + Ttl));
        Assert.Empty(ReservationDecisions.Expired(state, T0 + Ttl - TimeSpan.FromTicks(1)));
    }
}
