using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Quotas;

namespace Broker.Silo.Tests.Quotas;

/// <summary>The quota pass's decision, without a silo: what differs, and what is left alone because it may be in flux.</summary>
public sealed class QuotaDriftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Old = Now - TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Fresh = Now - TimeSpan.FromMinutes(1);

    private static QuotaVector V(long vcpu) => new(new Dictionary<string, long> { ["vcpu"] = vcpu, ["vms"] = 1 });

    private static Reservation R(string id, ReservationState state, long vcpu, DateTimeOffset updated, ReservationOwner owner = ReservationOwner.System) =>
        new(id, V(vcpu), TimeSpan.FromDays(7), state, updated, null, updated, [], owner);

    private static ResourceHolding H(string id, ResourceState state, long vcpu, DateTimeOffset updated) => new(id, state, V(vcpu), updated);

    [Fact]
    public void Matching_reservations_and_resources_need_no_repair()
    {
        var repairs = QuotaDrift.Repairs(
            [R("a", ReservationState.Committed, 2, Old), R("b", ReservationState.Committed, 4, Old), R("c", ReservationState.Held, 2, Old)],
            [H("a", ResourceState.Ready, 2, Old), H("b", ResourceState.Stopped, 4, Old), H("c", ResourceState.Provisioning, 2, Old)],
            Now, Grace);

        Assert.Empty(repairs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ReservationState.Released)]
    [InlineData(ReservationState.Expired)]
    public void A_ready_resource_without_a_live_reservation_has_its_use_restored(ReservationState? finished)
    {
        IEnumerable<Reservation> reservations = finished is { } state ? [R("a", state, 2, Old)] : [];

        var repairs = QuotaDrift.Repairs(reservations, [H("a", ResourceState.Ready, 2, Old)], Now, Grace);

        Assert.Equal([new QuotaRepair("a", QuotaRepairKind.Restored, V(2))], repairs);
    }

    [Fact]
    public void A_ready_resource_whose_reservation_is_only_held_is_committed_at_its_spec()
    {
        var repairs = QuotaDrift.Repairs([R("a", ReservationState.Held, 2, Old)], [H("a", ResourceState.Ready, 4, Old)], Now, Grace);

        Assert.Equal([new QuotaRepair("a", QuotaRepairKind.Committed, V(4))], repairs);
    }

    [Fact]
    public void A_committed_reservation_of_another_size_than_its_resource_is_resized()
    {
        var repairs = QuotaDrift.Repairs([R("a", ReservationState.Committed, 8, Old)], [H("a", ResourceState.Stopped, 2, Old)], Now, Grace);

        Assert.Equal([new QuotaRepair("a", QuotaRepairKind.Resized, V(2))], repairs);
    }

    [Fact]
    public void Use_without_a_live_resource_is_released_but_a_hold_is_left_to_its_ttl()
    {
        // "gone" has no row that is not deleted; "queued" is an order waiting for capacity, whose resources come later.
        var repairs = QuotaDrift.Repairs([R("gone", ReservationState.Committed, 2, Old), R("queued", ReservationState.Held, 2, Old)], [], Now, Grace);

        Assert.Equal([new QuotaRepair("gone", QuotaRepairKind.Released, null)], repairs);
    }

    [Fact]
    public void Anything_that_changed_within_the_grace_is_left_alone()
    {
        var repairs = QuotaDrift.Repairs(
            [
                R("resized-just-now", ReservationState.Committed, 8, Fresh), // the resize grows the hold before it records the update
                R("deleted-just-now", ReservationState.Committed, 2, Fresh),
                R("released-just-now", ReservationState.Released, 2, Fresh), // deleted between the directory read and this call
                R("ready-just-now", ReservationState.Held, 2, Old),
            ],
            [
                H("resized-just-now", ResourceState.Ready, 2, Old),
                H("released-just-now", ResourceState.Ready, 2, Old),
                H("ready-just-now", ResourceState.Ready, 2, Fresh), // its own reconcile commits it a moment later
            ],
            Now, Grace);

        Assert.Empty(repairs);
    }

    [Theory]
    [InlineData(ResourceState.PendingApproval)]
    [InlineData(ResourceState.Approved)]
    [InlineData(ResourceState.Provisioning)]
    [InlineData(ResourceState.Updating)]
    [InlineData(ResourceState.Deleting)]
    [InlineData(ResourceState.Failed)]
    public void Resources_with_work_under_way_or_failed_are_left_to_their_own_steps(ResourceState state)
    {
        var repairs = QuotaDrift.Repairs([R("a", ReservationState.Committed, 8, Old)], [H("a", state, 2, Old)], Now, Grace);

        Assert.Empty(repairs);
    }

    [Fact]
    public void A_department_s_own_holds_are_never_compared_with_resources()
    {
        // The tooling may name a hold like a resource, or commit one for something outside the broker: that is its business.
        var repairs = QuotaDrift.Repairs(
            [R("a", ReservationState.Committed, 2, Old, ReservationOwner.Department), R("tool", ReservationState.Committed, 6, Old, ReservationOwner.Department)],
            [],
            Now, Grace);

        Assert.Empty(repairs);
    }
}
