using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Capacity;
using Broker.Silo.Catalog;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Broker.Silo.Systems;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Orders;

/// <summary>
/// One order. Placing it is decided by <see cref="OrderDecisions"/> and made durable in one transaction: the department
/// commits its quota reservation with the order's first row, audit row and capacity holds (<see cref="OrderPlacement"/>),
/// and the answer follows at once. Every later change is written to the order's row (<see cref="OrderRecord"/>) before
/// the answer. The hand-off to resources and to the system's envelope (<see cref="OrderHandOff"/>) runs after the
/// answer, each step idempotent, until the order is settled. If a crash interrupts it, the row stays unsettled and
/// <see cref="OrderSweeperGrain"/> finishes it; a reminder of its own is kept only while the order must wake by itself
/// (pending approval until escalated, waiting for capacity), so a settled order costs no reminder write.
/// </summary>
public sealed partial class OrderGrain(
    OrderStore store,
    OrderPlacementWriter placements,
    CatalogStore catalog,
    BrokerClock time,
    IOptions<ApprovalOptions> approval,
    IOptions<ProvisioningOptions> provisioning,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    /// <summary>The Orleans storage provider earlier versions kept order state in (read only to adopt it).</summary>
    public const string StorageName = OrderRecord.LegacyStorageName;
    private const string Reminder = "order-reconcile";

    private OrderRecord _record = null!;
    private OrderHandOff _handOff = null!;

    // Whether this order has a reminder row: null until known, so a settled order never asks the reminder table.
    private bool? _hasReminder;

    // This activation's own runs of the hand-off, and the last progress read with the state it was read in (kept
    // while the order stays in that state and the progress cannot change).
    private OrderHandOffRuns _runs = null!;
    private (OrderState State, OrderProgress Progress)? _progress;

    private OrderData Data => _record.Data;

    private OrderKey Key => OrderKey.Parse(this.GetPrimaryKeyString());

    private string Department => Key.Department;

    private string OrderId => Key.Id;

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = new OrderRecord(store, GrainContext, () => Now, logger);
        _handOff = new OrderHandOff(GrainFactory, _record, () => Now, provisioning.Value.OrderSettleAttempts, logger);
        _runs = new OrderHandOffRuns(this, (actor, traceParent) => SettleOrCompensateAsync(actor, counted: false, traceParent), () => Data.IsHandedOff, logger);
        await _record.LoadAsync(Department, OrderId, cancellationToken);
    }

    public async Task<OrderView?> GetAsync() => Data.Exists ? await ViewWithProgressAsync() : null;

    public Task<OrderResult> PlaceAsync(OrderRequest request, Actor actor) => OrderTracing.PlaceAsync(Department, OrderId, () => DecidePlacementAsync(request, actor));

    private async Task<OrderResult> DecidePlacementAsync(OrderRequest request, Actor actor)
    {
        if (Data.Exists)
        {
            // The first answer again, never waiting for the hand-off; one a crash interrupted is taken up again here.
            return Data.Request != request
                ? new OrderResult(null, new BrokerError(BrokerErrorKind.Conflict, "order.id-reused", "Idempotency-Key"), [], false)
                : new OrderResult(AfterHandOff(actor), null, [], true);
        }

        var (checkedRequest, problem) = OrderDecisions.Check(request, Now, provisioning.Value.MaxLeaseAhead);
        if (problem is not null)
        {
            return new OrderResult(null, problem, [], false);
        }

        request = checkedRequest!;
        var plan = await catalog.GetPlanAsync(request.PlanCode);
        if (OrderDecisions.PlanProblem(plan, request) is { } planProblem)
        {
            return new OrderResult(null, planProblem, [], false);
        }

        var total = ApprovalPolicy.Times(plan!.PerUnit, request.Quantity);
        var eligibility = await GrainFactory.GetSystem(new SystemKey(Department, request.SystemId)).CheckOrderAsync(total);
        if (OrderDecisions.SystemProblem(eligibility) is { } refusal)
        {
            return new OrderResult(null, refusal, [], false);
        }

        var ids = OrderDecisions.ResourceIds(OrderId, request.Quantity);
        var capacity = OrderCapacity.Request(Department, OrderId, WireText.Of(eligibility.System!.Registration.Declarations.NetworkZone), plan, ids);
        // Supply is checked before quota is held, so a refusal leaves no quota reservation behind to replay.
        var supply = await OrderCapacity.AdmitAsync(GrainFactory, capacity);
        if (supply.Refusal is not null && await OrderCapacity.FitsQuotaAsync(GrainFactory, Department, total))
        {
            BrokerMetrics.OrderDecisions.WithLabels("refused").Inc();
            return new OrderResult(null, supply.Refusal, supply.Shortfalls, false);
        }

        var auto = ApprovalPolicy.IsAutoApproved(approval.Value.RuleFor(Department), total, request.SlaTier, eligibility.WithinEnvelope);
        var placed = OrderDecisions.Place(Department, OrderId, request, plan, eligibility.System, auto, approval.Value.EffectiveLevels, supply, actor.Subject, Now)
            with { TraceParent = OrderTracing.CurrentTraceParent() };
        var envelope = placed.EnvelopeCounted ? PlacedAllocations.For(Department, request.SystemId, eligibility.System, ids, placed.Spec!.Vector, Now) : null;
        var placement = new OrderPlacement(placed, _record.Audit(placed, actor, auto ? "order.auto-approved" : "order.placed"), OrderCapacity.Holds(capacity, supply, Now), envelope);
        var requests = ids.Select(id => new ReservationRequest(id, plan.PerUnit, provisioning.Value.OrderHoldTtl)).ToList();
        var reservation = await ReserveWithPlacementAsync(requests, actor, placement);
        if (!reservation.Granted)
        {
            await OrderCapacity.WithdrawAsync(GrainFactory, Department, OrderId, supply, ids);
            BrokerMetrics.OrderDecisions.WithLabels("refused").Inc();
            return new OrderResult(null, reservation.Error, reservation.Shortfalls, false);
        }

        _record.Placed(placed);
        ServiceProvider.GetService<IPathHooks>()?.OrderPlaced(OrderId);
        BrokerMetrics.OrderDecisions.WithLabels(auto ? "auto-approved" : "pending").Inc();
        return new OrderResult(AfterHandOff(actor), null, [], false);
    }

    /// <summary>
    /// The quota reservation and the placement (the order's first row, its audit row, its capacity holds) in the
    /// department's one transaction: durable together or not at all. Anything but a clear answer leaves the outcome
    /// unknown, so the activation ends and the next call reads PostgreSQL; a provisional hold is then the room's to
    /// settle against its rows, not withdrawn here.
    /// </summary>
    private async Task<ReservationBatchResult> ReserveWithPlacementAsync(IReadOnlyList<ReservationRequest> requests, Actor actor, OrderPlacement placement)
    {
        try
        {
            var reservation = await GrainFactory.GetGrain<IDepartmentGrain>(Department).ReserveManyAsync(requests, ReservationOwner.System, actor, placement.ToWrite());
            if (reservation.Granted && reservation.Replayed)
            {
                // Held already, so nothing was written alongside: an earlier version reserved first and crashed before
                // the order's row. The row is written now (fenced: if it exists after all, this fails and reloads).
                await placements.CommitAloneAsync(placement);
            }

            return reservation;
        }
        catch (Exception ex)
        {
            _record.WriteFailed(ex);
            throw;
        }
    }

    public Task<OrderResult> ApproveAsync(Approver approver) => DecideAsync(OrderDecisions.Approve(Data, approver, Now), approver.Actor);

    public Task<OrderResult> RejectAsync(Approver approver, string reason) => DecideAsync(OrderDecisions.Reject(Data, approver, reason, Now), approver.Actor);

    public Task<OrderResult> CancelAsync(Actor actor) => DecideAsync(OrderDecisions.Cancel(Data, Now), actor);

    /// <summary>Makes a decision on the order durable; once it is no longer pending, its resources follow before the answer.</summary>
    private async Task<OrderResult> DecideAsync(OrderChange change, Actor actor)
    {
        if (change.Error is not null)
        {
            return new OrderResult(null, change.Error, [], false);
        }

        if (change.Next is not { } next)
        {
            return new OrderResult(View(), null, [], true);
        }

        await _record.SaveAsync(next, actor, change.Action);
        if (change.Action is "order.approved" or "order.rejected" or "order.cancelled")
        {
            BrokerMetrics.OrderDecisions.WithLabels(change.Action["order.".Length..]).Inc();
            await SettleOrCompensateAsync(actor, counted: false);
        }

        return new OrderResult(View(), null, [], false);
    }

    public async Task ReconcileAsync()
    {
        if (!Data.Exists)
        {
            return;
        }

        var system = Actor.System($"order:{OrderId}");
        try
        {
            await SettleOrCompensateAsync(system, counted: true);
        }
        catch
        {
            // Counted, and tried again by this activation soon rather than at the sweeper's next tick.
            _runs.Retry(system);
            throw;
        }

        if (OrderDecisions.Escalate(Data, Now, approval.Value.EscalateAfter) is { Next: { } escalated } escalation)
        {
            await _record.SaveAsync(escalated, system, escalation.Action);
            BrokerMetrics.OrderEscalations.Inc();
        }

        // Done waking by itself (settled, or escalated and now only waiting for a person): drop the reminder. Reminder
        // rows written by earlier versions for every order end here too, on their next tick.
        if (!Data.NeedsWaking && _hasReminder != false)
        {
            if (await this.GetReminder(Reminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _hasReminder = false;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _hasReminder = true;
        return ReconcileAsync();
    }

    /// <summary>The hand-off (<see cref="OrderHandOff"/>), with the order's own reminder first while it must wake by itself.</summary>
    private async Task SettleOrCompensateAsync(Actor actor, bool counted, string? traceParent = null)
    {
        if (!Data.IsHandedOff && Data.NeedsWaking && _hasReminder != true)
        {
            // Asked first: a pending order woken by the sweeper already has one, and a read is cheaper than an upsert.
            if (await this.GetReminder(Reminder) is null)
            {
                await this.RegisterOrUpdateReminder(Reminder, approval.Value.CheckEvery, approval.Value.CheckEvery);
            }

            _hasReminder = true;
        }

        await _handOff.SettleOrCompensateAsync(actor, counted, traceParent);
    }

    /// <summary>
    /// The view as answered, with the hand-off started if the order is not settled (<see cref="OrderHandOffRuns"/>: right
    /// after the answer, so nobody waits for it). Should the silo stop first, the row is still unsettled and the sweeper
    /// finishes it (at once when a silo starts or one is declared dead). The answering call's trace context goes with it,
    /// so the hand-off is part of the same trace.
    /// </summary>
    private OrderView AfterHandOff(Actor actor)
    {
        _runs.Start(actor, OrderTracing.CurrentTraceParent());
        return View();
    }

    /// <summary>The view with progress as far as the order knows without reading its resources.</summary>
    private OrderView View() => Data.ToView() with { Progress = OrderDecisions.Progress(Data, null) };

    /// <summary>
    /// The view with its resources' progress: one query by id while it can still change, none once it cannot
    /// (<see cref="OrderDecisions.IsFinal"/>), nor before the order is approved and placed.
    /// </summary>
    private async Task<OrderView> ViewWithProgressAsync()
    {
        if (_progress is not { } known || known.State != Data.State || !OrderDecisions.IsFinal(Data, known.Progress))
        {
            var read = Data.State == OrderState.Approved && !Data.CapacityQueued;
            _progress = known = (Data.State, OrderDecisions.Progress(Data, read ? await store.ResourceStatesAsync(Data.ResourceIds) : null));
        }

        return Data.ToView() with { Progress = known.Progress };
    }
}
