using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Silo.Orders;
using Broker.Silo.Tests.Catalog;
using Broker.Silo.Tests.Systems;

namespace Broker.Silo.Tests.Orders;

public sealed class OrderDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Actor Member = new("member@tax", "Member", "corr");
    private static readonly Actor Chief = new("chief@tax", "Chief", "corr");
    private static readonly PlanVersion Plan = CatalogDrafts.Vm().ToVersion("vm-small", 3, PlanStatus.Active, Now);
    private static readonly SystemView System = new("tax", "core", SystemBuilders.Registration(), SystemReviewStatus.Approved, null, null, null, null,
        Broker.Contracts.Quotas.QuotaVector.Empty, Now, Now);

    private static readonly IReadOnlyList<ApprovalLevelOptions> Levels = [new() { Role = "dept-admin" }, new() { Role = "platform-operator" }];

    private static OrderRequest Request(int quantity = 2, string tier = "silver", string? image = "debian-12", DateTimeOffset? lease = null) =>
        new("core", "vm-small", tier, quantity, image, null, lease, null);

    private static OrderData Placed(bool auto, CapacityAdmission? supply = null) =>
        OrderDecisions.Place("tax", "o1", Request(), Plan, System, auto, Levels,
            supply ?? new CapacityAdmission(CapacityOutcome.Unmanaged, new Dictionary<string, string>(), null, []), Member.Subject, Now);

    [Fact]
    public void A_well_formed_request_is_kept_with_its_lease_in_utc_and_the_first_problem_is_named_otherwise()
    {
        var lease = new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.FromHours(8));
        var (request, problem) = OrderDecisions.Check(Request(lease: lease), Now, TimeSpan.FromDays(365));
        Assert.Null(problem);
        Assert.Equal(TimeSpan.Zero, request!.LeaseEnd!.Value.Offset);
        Assert.Equal(lease, request.LeaseEnd);

        Assert.Equal("quantity", OrderDecisions.Check(Request(quantity: 0), Now, TimeSpan.FromDays(365)).Problem!.Field);
        Assert.Equal("leaseEnd", OrderDecisions.Check(Request(lease: Now.AddDays(-1)), Now, TimeSpan.FromDays(365)).Problem!.Field);
    }

    [Fact]
    public void A_plan_is_orderable_only_when_it_exists_is_active_offers_the_tier_and_the_image()
    {
        Assert.Null(OrderDecisions.PlanProblem(Plan, Request()));
        Assert.Equal("order.plan-unknown", OrderDecisions.PlanProblem(null, Request())!.Code);
        Assert.Equal("order.plan-not-orderable", OrderDecisions.PlanProblem(Plan with { Status = PlanStatus.Retired }, Request())!.Code);
        Assert.Equal(("order.sla-tier-not-offered", "slaTier"), Code(OrderDecisions.PlanProblem(Plan, Request(tier: "gold"))));
        Assert.Equal(("order.image-not-offered", "image"), Code(OrderDecisions.PlanProblem(Plan, Request(image: "windows"))));
        Assert.Equal(("order.image-not-offered", "image"), Code(OrderDecisions.PlanProblem(Plan, Request(image: null))));
    }

    [Fact]
    public void A_refusal_of_the_system_names_the_system_unless_it_names_a_field_itself()
    {
        var refused = new OrderEligibility(new BrokerError(BrokerErrorKind.Conflict, "system.not-approved"), false, null);
        Assert.Equal("systemId", OrderDecisions.SystemProblem(refused)!.Field);
        Assert.Null(OrderDecisions.SystemProblem(new OrderEligibility(null, true, System)));
    }

    [Fact]
    public void A_placed_order_is_approved_at_once_or_waits_for_every_level_and_keeps_the_rooms_pools()
    {
        var pools = new Dictionary<string, string> { ["o1-1"] = "east", ["o1-2"] = "west" };
        var auto = Placed(auto: true, new CapacityAdmission(CapacityOutcome.Placed, pools, null, []));
        Assert.Equal(OrderState.Approved, auto.State);
        Assert.Equal(["o1-1", "o1-2"], auto.ResourceIds);
        Assert.Equal(Plan.PerUnit.Add(Plan.PerUnit), auto.Total);
        Assert.Equal(pools, auto.Pools);
        Assert.Equal("extranet", auto.NetworkZone);
        Assert.False(auto.Settled);

        var pending = Placed(auto: false, new CapacityAdmission(CapacityOutcome.Queued, new Dictionary<string, string>(), null, []));
        Assert.Equal(OrderState.PendingApproval, pending.State);
        Assert.Equal(["dept-admin", "platform-operator"], pending.Approvals.Select(a => a.Role));
        Assert.True(pending.CapacityQueued);
        Assert.Empty(pending.Pools);
    }

    [Fact]
    public void Approval_takes_each_level_in_turn_and_then_the_hand_off_is_due_again()
    {
        var pending = Placed(auto: false) with { Settled = true };
        var admin = new Approver(Chief, ["dept-admin"]);
        var first = OrderDecisions.Approve(pending, admin, Now);
        Assert.Equal(("order.level-approved", OrderState.PendingApproval), (first.Action, first.Next!.State));

        var second = OrderDecisions.Approve(first.Next, new Approver(Chief, ["platform-operator"]), Now);
        Assert.Equal(("order.approved", OrderState.Approved, false), (second.Action, second.Next!.State, second.Next.Settled));

        Assert.Equal("order.not-pending", OrderDecisions.Approve(second.Next, admin, Now).Error!.Code);
        Assert.Equal("order.not-found", OrderDecisions.Approve(new OrderData(), admin, Now).Error!.Code);
    }

    [Fact]
    public void Rejection_needs_the_waiting_level_and_withdrawal_is_repeatable()
    {
        var pending = Placed(auto: false);
        Assert.Equal("order.not-your-level", OrderDecisions.Reject(pending, new Approver(Chief, ["platform-operator"]), "no", Now).Error!.Code);
        var rejected = OrderDecisions.Reject(pending, new Approver(Chief, ["dept-admin"]), "不在预算内", Now);
        Assert.Equal((OrderState.Rejected, "不在预算内"), (rejected.Next!.State, rejected.Next.Reason));

        var cancelled = OrderDecisions.Cancel(pending, Now);
        Assert.Equal(("order.cancelled", OrderState.Cancelled), (cancelled.Action, cancelled.Next!.State));
        Assert.Same(OrderChange.Unchanged, OrderDecisions.Cancel(cancelled.Next, Now));
        Assert.Equal("order.not-pending", OrderDecisions.Cancel(Placed(auto: true), Now).Error!.Code);
    }

    [Fact]
    public void A_pending_order_is_escalated_once_after_the_wait()
    {
        var pending = Placed(auto: false);
        Assert.Same(OrderChange.Unchanged, OrderDecisions.Escalate(pending, Now.AddHours(23), TimeSpan.FromHours(24)));
        var escalated = OrderDecisions.Escalate(pending, Now.AddHours(24), TimeSpan.FromHours(24)).Next!;
        Assert.True(escalated.Escalated);
        Assert.Same(OrderChange.Unchanged, OrderDecisions.Escalate(escalated, Now.AddHours(48), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Progress_goes_from_placed_through_provisioning_k_of_n_to_ready_and_shows_a_failure()
    {
        var approved = Placed(auto: true);
        Assert.Equal(new OrderProgress(OrderPhase.Placed, 0, 2), OrderDecisions.Progress(approved, null));
        Assert.Equal(new OrderProgress(OrderPhase.Placed, 0, 2), OrderDecisions.Progress(approved, []));
        Assert.Equal(new OrderProgress(OrderPhase.Provisioning, 0, 2), OrderDecisions.Progress(approved, [ResourceState.Provisioning]));
        Assert.Equal(new OrderProgress(OrderPhase.Provisioning, 1, 2), OrderDecisions.Progress(approved, [ResourceState.Ready, ResourceState.Provisioning]));
        var ready = OrderDecisions.Progress(approved, [ResourceState.Ready, ResourceState.Stopped]);
        Assert.Equal(new OrderProgress(OrderPhase.Ready, 2, 2), ready);
        Assert.True(OrderDecisions.IsFinal(approved, ready));
        var failed = OrderDecisions.Progress(approved, [ResourceState.Ready, ResourceState.Failed]);
        Assert.Equal(new OrderProgress(OrderPhase.Failed, 1, 2), failed);
        Assert.False(OrderDecisions.IsFinal(approved, failed)); // a retry of the resource may still mend it

        var pending = Placed(auto: false);
        Assert.Equal(OrderPhase.Placed, OrderDecisions.Progress(pending, [ResourceState.PendingApproval, ResourceState.PendingApproval]).State);
        Assert.Equal(OrderPhase.Rejected, OrderDecisions.Progress(pending with { State = OrderState.Rejected }, null).State);
        Assert.Equal(OrderPhase.Failed, OrderDecisions.Progress(approved with { State = OrderState.Failed }, null).State);
        Assert.Equal(OrderPhase.Placed, OrderDecisions.Progress(approved with { CapacityQueued = true }, []).State);
    }

    private static (string Code, string? Field) Code(BrokerError? error) => (error!.Code, error.Field);
}
