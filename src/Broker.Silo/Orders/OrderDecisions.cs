using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Silo.Resources;
using Broker.Silo.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// The order's decisions as pure functions of the request, the plan, the system's answer and the room's: is the order
/// well formed, can this plan be ordered this way, is it approved without a person, what is placed, and how far its
/// resources are. <see cref="OrderGrain"/> gathers the inputs, asks these, and makes the answer durable.
/// </summary>
public static class OrderDecisions
{
    /// <summary>
    /// The request as it will be stored (the lease end kept in UTC), or the first thing wrong with it. Checked before
    /// anything is held, so a refusal has nothing to undo.
    /// </summary>
    public static (OrderRequest? Request, BrokerError? Problem) Check(OrderRequest request, DateTimeOffset now, TimeSpan maxLeaseAhead)
    {
        if (OrderValidation.Request(request) is [var first, ..])
        {
            return (null, first);
        }

        var (leaseEnd, leaseProblem) = LeaseRules.Check(request.LeaseEnd, now, maxLeaseAhead);
        return leaseProblem is null ? (request with { LeaseEnd = leaseEnd }, null) : (null, leaseProblem);
    }

    /// <summary>Whether <paramref name="plan"/> (null: not in the catalog) can be ordered as <paramref name="r"/> asks.</summary>
    public static BrokerError? PlanProblem(PlanVersion? plan, OrderRequest r)
    {
        if (plan is null)
        {
            return new BrokerError(BrokerErrorKind.Invalid, "order.plan-unknown", "planCode");
        }

        if (plan.Status != PlanStatus.Active)
        {
            return new BrokerError(BrokerErrorKind.Conflict, "order.plan-not-orderable", "planCode", WireText.Of(plan.Status));
        }

        if (!plan.SlaTiers.Contains(r.SlaTier, StringComparer.Ordinal))
        {
            return new BrokerError(BrokerErrorKind.Invalid, "order.sla-tier-not-offered", "slaTier", string.Join(", ", plan.SlaTiers));
        }

        if (plan.Kind == OfferingKind.Vm && (r.Image is null || !plan.Vm!.Images.Contains(r.Image, StringComparer.Ordinal)))
        {
            return new BrokerError(BrokerErrorKind.Invalid, "order.image-not-offered", "image", string.Join(", ", plan.Vm!.Images));
        }

        if (plan.Kind == OfferingKind.Database && r.DatabaseName is null)
        {
            return new BrokerError(BrokerErrorKind.Invalid, "order.database-name-invalid", "databaseName");
        }

        return null;
    }

    /// <summary>The system's refusal, named after the field the department can change.</summary>
    public static BrokerError? SystemProblem(OrderEligibility eligibility) =>
        eligibility.Refusal is { } refusal ? refusal with { Field = refusal.Field ?? "systemId" } : null;

    /// <summary>The ids of the order's resources: stable, so every retry of the hand-off addresses the same ones.</summary>
    public static List<string> ResourceIds(string orderId, int quantity) => Enumerable.Range(1, quantity).Select(i => $"{orderId}-{i}").ToList();

    /// <summary>
    /// The order as placed: approved at once when the policy and the envelope allow (<paramref name="autoApproved"/>,
    /// from <see cref="ApprovalPolicy.IsAutoApproved"/>), else waiting for the configured levels; with the pools the
    /// room placed it in, or waiting for capacity.
    /// </summary>
    public static OrderData Place(
        string department, string orderId, OrderRequest request, PlanVersion plan, SystemView system, bool autoApproved,
        IReadOnlyList<ApprovalLevelOptions> levels, CapacityAdmission supply, string orderedBy, DateTimeOffset now) => new()
    {
        Department = department,
        Id = orderId,
        Request = request,
        PlanVersion = plan.Version,
        Total = ApprovalPolicy.Times(plan.PerUnit, request.Quantity),
        State = autoApproved ? OrderState.Approved : OrderState.PendingApproval,
        AutoApproved = autoApproved,
        Approvals = ApprovalPolicy.Levels(levels, autoApproved),
        ResourceIds = ResourceIds(orderId, request.Quantity),
        OrderedBy = orderedBy,
        CreatedAt = now,
        UpdatedAt = now,
        Spec = ResourceSpecs.From(plan, request.SlaTier, request.Image, request.DatabaseName),
        NetworkZone = WireText.Of(system.Registration.Declarations.NetworkZone),
        CapacityQueued = supply.Outcome == CapacityOutcome.Queued,
        Pools = supply.Pools.ToDictionary(StringComparer.Ordinal),
        // Approved and placed: the envelope counts the resources with the reservation, in the placement's transaction.
        EnvelopeCounted = autoApproved && supply.Outcome != CapacityOutcome.Queued,
    };

    /// <summary>
    /// One approval by <paramref name="approver"/> at the level waiting for their role: the order is approved once every
    /// level is done, and its hand-off to the resources is then due again (not settled).
    /// </summary>
    public static OrderChange Approve(OrderData order, Approver approver, DateTimeOffset now)
    {
        if (Pending(order) is { } refusal)
        {
            return refusal;
        }

        var step = ApprovalPolicy.Approve(order.Approvals, approver.Actor.Subject, approver.Roles.ToList(), order.OrderedBy);
        if (step.Levels is not { } levels)
        {
            return OrderChange.Refused(BrokerErrorKind.Denied, step.Refusal!, "level");
        }

        var approved = levels.All(l => l.Done);
        return new OrderChange(
            order with { Approvals = levels, State = approved ? OrderState.Approved : OrderState.PendingApproval, Settled = !approved && order.Settled, UpdatedAt = now },
            approved ? "order.approved" : "order.level-approved",
            null);
    }

    /// <summary>A rejection at the level waiting for one of <paramref name="approver"/>'s roles, with an optional reason.</summary>
    public static OrderChange Reject(OrderData order, Approver approver, string reason, DateTimeOffset now)
    {
        if (Pending(order) is { } refusal)
        {
            return refusal;
        }

        if (!ApprovalPolicy.MayDecide(order.Approvals, approver.Roles.ToList()))
        {
            return OrderChange.Refused(BrokerErrorKind.Denied, "order.not-your-level", "level");
        }

        return OrderValidation.Reason(reason) is { } invalid
            ? new OrderChange(null, null, invalid)
            : new OrderChange(order with { State = OrderState.Rejected, Reason = reason, Settled = false, UpdatedAt = now }, "order.rejected", null);
    }

    /// <summary>The department withdraws its pending order; withdrawing it again changes nothing.</summary>
    public static OrderChange Cancel(OrderData order, DateTimeOffset now) =>
        order.Exists && order.State == OrderState.Cancelled
            ? OrderChange.Unchanged
            : Pending(order) ?? new OrderChange(order with { State = OrderState.Cancelled, Reason = "cancelled", Settled = false, UpdatedAt = now }, "order.cancelled", null);

    /// <summary>A pending order waiting longer than <paramref name="after"/> is escalated, once; never dropped.</summary>
    public static OrderChange Escalate(OrderData order, DateTimeOffset now, TimeSpan after) =>
        order.State == OrderState.PendingApproval && !order.Escalated && now - order.CreatedAt >= after
            ? new OrderChange(order with { Escalated = true, UpdatedAt = now }, "order.escalated", null)
            : OrderChange.Unchanged;

    private static OrderChange? Pending(OrderData order) =>
        !order.Exists ? OrderChange.Refused(BrokerErrorKind.NotFound, "order.not-found")
        : order.State != OrderState.PendingApproval ? OrderChange.Refused(BrokerErrorKind.Conflict, "order.not-pending", "state", WireText.Of(order.State))
        : null;

    /// <summary>
    /// How far the order's resources are, from the states of those that exist (<paramref name="states"/>; null when not
    /// read, as for an order that has not been handed off yet). Built means past provisioning and not failed (ready, or
    /// since stopped, resized or deleted by its owner); one failed resource shows the order failed, though a retry of
    /// it may still mend that.
    /// </summary>
    public static OrderProgress Progress(OrderData order, IReadOnlyCollection<ResourceState>? states)
    {
        var total = order.ResourceIds.Count;
        var built = states?.Count(s => s is not (ResourceState.PendingApproval or ResourceState.Approved or ResourceState.Provisioning or ResourceState.Failed)) ?? 0;
        var phase = order.State switch
        {
            OrderState.Rejected => OrderPhase.Rejected,
            OrderState.Cancelled => OrderPhase.Cancelled,
            OrderState.Failed => OrderPhase.Failed,
            OrderState.PendingApproval => OrderPhase.Placed,
            _ when order.CapacityQueued || states is null || states.Count == 0 => OrderPhase.Placed,
            _ when states.Contains(ResourceState.Failed) => OrderPhase.Failed,
            _ when built == total => OrderPhase.Ready,
            _ => OrderPhase.Provisioning,
        };
        return new OrderProgress(phase, built, total);
    }

    /// <summary>
    /// Whether the progress can no longer change, so the order need not read its resources again: a terminal decision,
    /// or every resource built (what its owner does with it afterwards is the resource's story, not the order's).
    /// </summary>
    public static bool IsFinal(OrderData order, OrderProgress progress) =>
        order.State is OrderState.Rejected or OrderState.Cancelled or OrderState.Failed || progress.State == OrderPhase.Ready;
}
