using System.Text.RegularExpressions;
using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Audit;
using Broker.Silo.Capacity;
using Broker.Silo.Catalog;
using Broker.Silo.Diagnostics;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Microsoft.Extensions.Options;
using Broker.Silo.Hosting;

namespace Broker.Silo.Orders;

/// <summary>
/// One order. Its state is written before every answer; the hand-off to resources and to the system's envelope
/// (<see cref="OrderData.Settled"/>) is repeated by a reminder until it has happened, each step idempotent, so a crash
/// between approval and provisioning only delays it.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", OrderGrain.StorageName)] IPersistentState<OrderData> state,
    CatalogStore catalog,
    OrderDirectory directory,
    BrokerClock time,
    IOptions<ApprovalOptions> approval,
    IOptions<ProvisioningOptions> provisioning) : Grain, IOrderGrain, IRemindable
{
    public const string StorageName = "orders";
    private const string Reminder = "order-reconcile";
    private const int MaxQuantity = 50;

    private OrderData Data => state.State;

    private string Department => this.GetPrimaryKeyString().Split('/')[0];

    private string OrderId => this.GetPrimaryKeyString().Split('/')[1];

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Data.Exists)
        {
            // Heal a directory row a crash may have left behind the state.
            await directory.WriteAsync(Data.ToView(), null, cancellationToken);
        }
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(Data.Exists ? Data.ToView() : null);

    public async Task<OrderResult> PlaceAsync(OrderRequest request, Actor actor)
    {
        if (Data.Exists)
        {
            return Data.Request == request ? new OrderResult(Data.ToView(), null, [], true) : Fail(BrokerErrorKind.Conflict, "order.id-reused", "Idempotency-Key");
        }

        if (Validate(request) is { } invalid)
        {
            return new OrderResult(null, invalid, [], false);
        }

        var plan = await catalog.GetPlanAsync(request.PlanCode);
        if (plan is null)
        {
            return Fail(BrokerErrorKind.Invalid, "order.plan-unknown", "planCode");
        }

        if (PlanProblem(plan, request) is { } planProblem)
        {
            return new OrderResult(null, planProblem, [], false);
        }

        var total = ApprovalPolicy.Times(plan.PerUnit, request.Quantity);
        var eligibility = await GrainFactory.GetGrain<ISystemGrain>($"{Department}/{request.SystemId}").CheckOrderAsync(total);
        if (eligibility.Refusal is { } refusal)
        {
            return new OrderResult(null, refusal with { Field = refusal.Field ?? "systemId" }, [], false);
        }

        var ids = Enumerable.Range(1, request.Quantity).Select(i => $"{OrderId}-{i}").ToList();
        // Capacity: supply is checked before quota is held, so a refusal leaves no quota reservation behind to replay.
        var supply = await OrderCapacity.AdmitAsync(GrainFactory, Department, OrderId, eligibility.System!, plan, ids);
        if (supply.Refusal is not null && await OrderCapacity.FitsQuotaAsync(GrainFactory, Department, total))
        {
            BrokerMetrics.OrderDecisions.WithLabels("refused").Inc();
            return new OrderResult(null, supply.Refusal, supply.Shortfalls, false);
        }

        var reservation = await GrainFactory.GetGrain<IDepartmentGrain>(Department).ReserveManyAsync(
            ids.Select(id => new ReservationRequest(id, plan.PerUnit, provisioning.Value.OrderHoldTtl)).ToList(), actor);
        if (!reservation.Granted)
        {
            await OrderCapacity.WithdrawAsync(GrainFactory, Department, OrderId, supply, ids);
            BrokerMetrics.OrderDecisions.WithLabels("refused").Inc();
            return new OrderResult(null, reservation.Error, reservation.Shortfalls, false);
        }

        var auto = ApprovalPolicy.IsAutoApproved(approval.Value.RuleFor(Department), total, request.SlaTier, eligibility.WithinEnvelope);
        var now = Now;
        state.State = new OrderData
        {
            Department = Department,
            Id = OrderId,
            Request = request,
            PlanVersion = plan.Version,
            Total = total,
            State = auto ? OrderState.Approved : OrderState.PendingApproval,
            AutoApproved = auto,
            Approvals = ApprovalPolicy.Levels(approval.Value.EffectiveLevels, auto),
            ResourceIds = ids,
            OrderedBy = actor.Subject,
            CreatedAt = now,
            UpdatedAt = now,
            Spec = ResourceSpecs.From(plan, request.SlaTier, request.Image, request.DatabaseName),
            NetworkZone = WireText.Of(eligibility.System!.Registration.Declarations.NetworkZone),
            CapacityQueued = supply.Outcome == CapacityOutcome.Queued,
            Pools = supply.Pools.ToDictionary(StringComparer.Ordinal),
        };
        await SaveAsync(actor, auto ? "order.auto-approved" : "order.placed");
        BrokerMetrics.OrderDecisions.WithLabels(auto ? "auto-approved" : "pending").Inc();
        await SettleAsync(actor);
        return new OrderResult(Data.ToView(), null, [], false);
    }

    public async Task<OrderResult> ApproveAsync(Approver approver)
    {
        if (!Data.Exists)
        {
            return Fail(BrokerErrorKind.NotFound, "order.not-found");
        }

        if (Data.State != OrderState.PendingApproval)
        {
            return Fail(BrokerErrorKind.Conflict, "order.not-pending", "state", WireText.Of(Data.State));
        }

        var levels = ApprovalPolicy.Approve(Data.Approvals, approver.Actor.Subject, approver.Roles.ToList());
        if (levels is null)
        {
            return Fail(BrokerErrorKind.Denied, "order.not-your-level", "level");
        }

        var approved = levels.All(l => l.Done);
        state.State = Data with { Approvals = levels, State = approved ? OrderState.Approved : OrderState.PendingApproval, Settled = !approved && Data.Settled, UpdatedAt = Now };
        await SaveAsync(approver.Actor, approved ? "order.approved" : "order.level-approved");
        if (approved)
        {
            BrokerMetrics.OrderDecisions.WithLabels("approved").Inc();
            await SettleAsync(approver.Actor);
        }

        return new OrderResult(Data.ToView(), null, [], false);
    }

    public async Task<OrderResult> RejectAsync(Approver approver, string reason)
    {
        if (!Data.Exists)
        {
            return Fail(BrokerErrorKind.NotFound, "order.not-found");
        }

        if (Data.State != OrderState.PendingApproval)
        {
            return Fail(BrokerErrorKind.Conflict, "order.not-pending", "state", WireText.Of(Data.State));
        }

        if (!ApprovalPolicy.MayDecide(Data.Approvals, approver.Roles.ToList()))
        {
            return Fail(BrokerErrorKind.Denied, "order.not-your-level", "level");
        }

        state.State = Data with { State = OrderState.Rejected, Reason = reason, Settled = false, UpdatedAt = Now };
        await SaveAsync(approver.Actor, "order.rejected");
        BrokerMetrics.OrderDecisions.WithLabels("rejected").Inc();
        await SettleAsync(approver.Actor);
        return new OrderResult(Data.ToView(), null, [], false);
    }

    public async Task<OrderResult> CancelAsync(Actor actor)
    {
        if (!Data.Exists)
        {
            return Fail(BrokerErrorKind.NotFound, "order.not-found");
        }

        if (Data.State == OrderState.Cancelled)
        {
            return new OrderResult(Data.ToView(), null, [], true);
        }

        if (Data.State != OrderState.PendingApproval)
        {
            return Fail(BrokerErrorKind.Conflict, "order.not-pending", "state", WireText.Of(Data.State));
        }

        state.State = Data with { State = OrderState.Cancelled, Reason = "cancelled", Settled = false, UpdatedAt = Now };
        await SaveAsync(actor, "order.cancelled");
        BrokerMetrics.OrderDecisions.WithLabels("cancelled").Inc();
        await SettleAsync(actor);
        return new OrderResult(Data.ToView(), null, [], false);
    }

    public async Task ReconcileAsync()
    {
        if (!Data.Exists)
        {
            return;
        }

        var system = Actor.System($"order:{OrderId}");
        await SettleAsync(system);
        if (Data.State == OrderState.PendingApproval && !Data.Escalated && Now - Data.CreatedAt >= approval.Value.EscalateAfter)
        {
            state.State = Data with { Escalated = true, UpdatedAt = Now };
            await SaveAsync(system, "order.escalated");
            BrokerMetrics.OrderEscalations.Inc();
        }

        if (Data.Settled && Data.State != OrderState.PendingApproval && await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReconcileAsync();

    /// <summary>Brings resources and the envelope in line with the order's state; safe to repeat.</summary>
    private async Task SettleAsync(Actor actor)
    {
        if (Data.Settled && Data.State != OrderState.PendingApproval)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(Reminder, approval.Value.CheckEvery, approval.Value.CheckEvery);
        // Waiting for capacity: the resources are created once the room has placed them (the reminder asks again).
        if (Data.CapacityQueued && !await LeaveCapacityQueueAsync(actor))
        {
            return;
        }

        // An approved order's resources are created approved (one journal append: created, approved, provisioning);
        // a pending order's wait for ApproveAsync. A replay after a crash may meet a resource created waiting by an
        // earlier pass, so approval is asked again, and it changes nothing for a resource already provisioning.
        var approved = Data.State == OrderState.Approved;
        var creation = new ResourceCreation(Department, Data.Request!.SystemId, OrderId, Data.NetworkZone, Data.Spec!, Data.Request.LeaseEnd, Approved: approved);
        foreach (var id in Data.ResourceIds)
        {
            var resource = GrainFactory.GetGrain<IResourceGrain>(id);
            if (approved)
            {
                // The envelope counts the resource before it starts to build, as before it was approved.
                await GrainFactory.GetGrain<ISystemGrain>($"{Department}/{Data.Request.SystemId}").AllocateAsync(id, Data.Spec!.Vector);
            }

            var created = await resource.CreateAsync(creation with { Pool = Data.Pools.GetValueOrDefault(id) }, actor);
            switch (Data.State)
            {
                case OrderState.Approved when created.Resource?.State == ResourceState.PendingApproval:
                    await resource.ApproveAsync(actor);
                    break;
                case OrderState.Rejected or OrderState.Cancelled:
                    await resource.CancelAsync($"order {WireText.Of(Data.State)}", actor);
                    break;
            }
        }

        if (!Data.Settled && Data.State != OrderState.PendingApproval)
        {
            state.State = Data with { Settled = true };
            await state.WriteStateAsync();
        }
    }

    /// <summary>True once the order has left the capacity queue: placed, or withdrawn because it was rejected or cancelled.</summary>
    private async Task<bool> LeaveCapacityQueueAsync(Actor actor)
    {
        var pools = await OrderCapacity.LeaveQueueAsync(GrainFactory, Department, OrderId, Data.State is OrderState.Rejected or OrderState.Cancelled, Data.ResourceIds);
        if (pools is null)
        {
            return false;
        }

        state.State = Data with { CapacityQueued = false, Pools = pools.ToDictionary(StringComparer.Ordinal), UpdatedAt = Now };
        await SaveAsync(actor, Data.State is OrderState.Rejected or OrderState.Cancelled ? "order.capacity-withdrawn" : "order.capacity-admitted");
        return true;
    }

    private async Task SaveAsync(Actor actor, string action)
    {
        await state.WriteStateAsync();
        var view = Data.ToView();
        await directory.WriteAsync(view, new AuditEntry(Now, actor.Subject, actor.DisplayName, Department, "order", OrderId, action, null, BrokerJson.Serialize(view), actor.CorrelationId));
    }

    private static BrokerError? Validate(OrderRequest r)
    {
        if (r.Quantity is < 1 or > MaxQuantity)
        {
            return new BrokerError(BrokerErrorKind.Invalid, "order.quantity-out-of-range", "quantity", MaxQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return r.DatabaseName is { } name && !DatabaseName().IsMatch(name)
            ? new BrokerError(BrokerErrorKind.Invalid, "order.database-name-invalid", "databaseName")
            : null;
    }

    private BrokerError? PlanProblem(PlanVersion plan, OrderRequest r)
    {
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

        return r.LeaseEnd is { } end && end <= Now ? new BrokerError(BrokerErrorKind.Invalid, "lease.in-the-past", "leaseEnd") : null;
    }

    private static OrderResult Fail(BrokerErrorKind kind, string code, string? field = null, string? detail = null) =>
        new(null, new BrokerError(kind, code, field, detail), [], false);


    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
