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
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// One order. Its state is written to its <c>broker.orders</c> row (<see cref="OrderStore"/>), with the listing columns
/// and the audit row in the same transaction, before every answer; a failed write leaves memory as it was and ends the
/// activation so the next one reloads. The hand-off to resources and to the system's envelope
/// (<see cref="OrderData.Settled"/>) follows, each step idempotent. If a crash interrupts it, the row stays unsettled and
/// <see cref="OrderSweeperGrain"/> finishes it; a reminder of its own is kept only while the order must wake by itself
/// (pending approval until escalated, waiting for capacity), so a settled order costs no reminder write.
/// </summary>
public sealed partial class OrderGrain(
    OrderStore store,
    CatalogStore catalog,
    BrokerClock time,
    IOptions<ApprovalOptions> approval,
    IOptions<ProvisioningOptions> provisioning,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    /// <summary>The Orleans storage provider earlier versions kept order state in (read only to adopt it).</summary>
    public const string StorageName = "orders";
    private const string LegacyStateName = "order";
    private const string Reminder = "order-reconcile";

    private OrderData Data { get; set; } = new();
    private long _version;

    // Whether this order has a reminder row: null until known, so a settled order never asks the reminder table.
    private bool? _hasReminder;

    private string Department => this.GetPrimaryKeyString().Split('/')[0];

    private string OrderId => this.GetPrimaryKeyString().Split('/')[1];

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (stored, version, listed) = await store.LoadRowAsync(Department, OrderId, cancellationToken);
        _version = version;
        if (stored is not null)
        {
            Data = stored;
        }
        else if (listed)
        {
            // A row without state: written by an earlier version, which kept the state in Orleans storage. Read it only
            // here, so a new order costs no second read. (An earlier version's order without any row was never
            // answered, since the answer came after both writes, and had no resources yet: starting afresh is what a
            // retry of it would have done.)
            await AdoptLegacyAsync();
        }
    }

    /// <summary>Adopts the state an earlier version kept in Orleans storage into broker.orders, then clears the old copy.</summary>
    private async Task AdoptLegacyAsync()
    {
        var legacy = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageName);
        var old = new GrainState<OrderData>();
        await legacy.ReadStateAsync(LegacyStateName, this.GetGrainId(), old);
        if (old.State is not { Exists: true })
        {
            return;
        }

        await SaveAsync(old.State, null, null);
        LogAdopted(logger, this.GetPrimaryKeyString());
        // Only after the adoption is durable. Should this activation die in between, the old copy stays behind unread:
        // from then on the row has data, and the row is what every activation reads.
        await legacy.ClearStateAsync(LegacyStateName, this.GetGrainId(), old);
    }

    public Task<OrderView?> GetAsync() => Task.FromResult(Data.Exists ? Data.ToView() : null);

    public async Task<OrderResult> PlaceAsync(OrderRequest request, Actor actor)
    {
        if (Data.Exists)
        {
            if (Data.Request != request)
            {
                return Fail(BrokerErrorKind.Conflict, "order.id-reused", "Idempotency-Key");
            }

            // A replay after a crash between the order's write and its hand-off finishes the hand-off now, rather than
            // leaving it to the sweeper's next tick; for a settled order this returns at once.
            await SettleOrCompensateAsync(actor, counted: false);
            return new OrderResult(Data.ToView(), null, [], true);
        }

        if (Validate(request) is { } invalid)
        {
            return new OrderResult(null, invalid, [], false);
        }

        // Checked before anything is held, so a bad date is refused with nothing to undo; kept in UTC from here on.
        var (leaseEnd, leaseProblem) = LeaseRules.Check(request.LeaseEnd, Now, provisioning.Value.MaxLeaseAhead);
        if (leaseProblem is not null)
        {
            return new OrderResult(null, leaseProblem, [], false);
        }

        request = request with { LeaseEnd = leaseEnd };

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
            ids.Select(id => new ReservationRequest(id, plan.PerUnit, provisioning.Value.OrderHoldTtl)).ToList(), ReservationOwner.System, actor);
        if (!reservation.Granted)
        {
            await OrderCapacity.WithdrawAsync(GrainFactory, Department, OrderId, supply, ids);
            BrokerMetrics.OrderDecisions.WithLabels("refused").Inc();
            return new OrderResult(null, reservation.Error, reservation.Shortfalls, false);
        }

        var auto = ApprovalPolicy.IsAutoApproved(approval.Value.RuleFor(Department), total, request.SlaTier, eligibility.WithinEnvelope);
        var now = Now;
        var placed = new OrderData
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
        await SaveAsync(placed, actor, auto ? "order.auto-approved" : "order.placed");
        ServiceProvider.GetService<IPathHooks>()?.OrderPlaced(OrderId);
        BrokerMetrics.OrderDecisions.WithLabels(auto ? "auto-approved" : "pending").Inc();
        await SettleOrCompensateAsync(actor, counted: false);
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

        var step = ApprovalPolicy.Approve(Data.Approvals, approver.Actor.Subject, approver.Roles.ToList(), Data.OrderedBy);
        if (step.Levels is not { } levels)
        {
            return Fail(BrokerErrorKind.Denied, step.Refusal!, "level");
        }

        var approved = levels.All(l => l.Done);
        var next = Data with { Approvals = levels, State = approved ? OrderState.Approved : OrderState.PendingApproval, Settled = !approved && Data.Settled, UpdatedAt = Now };
        await SaveAsync(next, approver.Actor, approved ? "order.approved" : "order.level-approved");
        if (approved)
        {
            BrokerMetrics.OrderDecisions.WithLabels("approved").Inc();
            await SettleOrCompensateAsync(approver.Actor, counted: false);
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

        if (OrderValidation.Reason(reason) is { } invalid)
        {
            return new OrderResult(null, invalid, [], false);
        }

        await SaveAsync(Data with { State = OrderState.Rejected, Reason = reason, Settled = false, UpdatedAt = Now }, approver.Actor, "order.rejected");
        BrokerMetrics.OrderDecisions.WithLabels("rejected").Inc();
        await SettleOrCompensateAsync(approver.Actor, counted: false);
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

        await SaveAsync(Data with { State = OrderState.Cancelled, Reason = "cancelled", Settled = false, UpdatedAt = Now }, actor, "order.cancelled");
        BrokerMetrics.OrderDecisions.WithLabels("cancelled").Inc();
        await SettleOrCompensateAsync(actor, counted: false);
        return new OrderResult(Data.ToView(), null, [], false);
    }

    public async Task ReconcileAsync()
    {
        if (!Data.Exists)
        {
            return;
        }

        var system = Actor.System($"order:{OrderId}");
        await SettleOrCompensateAsync(system, counted: true);
        if (Data.State == OrderState.PendingApproval && !Data.Escalated && Now - Data.CreatedAt >= approval.Value.EscalateAfter)
        {
            await SaveAsync(Data with { Escalated = true, UpdatedAt = Now }, system, "order.escalated");
            BrokerMetrics.OrderEscalations.Inc();
        }

        // Done waking by itself (settled, or escalated and now only waiting for a person): drop the reminder. Reminder
        // rows written by earlier versions for every order end here too, on their next tick.
        if (!NeedsWaking && _hasReminder != false)
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

    /// <summary>
    /// Whether the order must wake on its own: pending approval (for escalation after
    /// <see cref="ApprovalOptions.EscalateAfter"/>) or waiting in the capacity queue. Anything else settles at once, and a
    /// crash before it settles is the sweeper's to finish.
    /// </summary>
    private bool NeedsWaking => (Data.State == OrderState.PendingApproval && !Data.Escalated) || Data.CapacityQueued;

    /// <summary>
    /// <see cref="SettleAsync"/>, and if it fails, the failure settled too: a permanent one compensates the order at
    /// once; another, in the sweeper's visits (<paramref name="counted"/>), is counted durably and compensated after
    /// <see cref="ProvisioningOptions.OrderSettleAttempts"/>. A request's own transient failure is rethrown (503) and
    /// left to its replay or the sweeper. A failure to count (PostgreSQL itself down) counts nothing: an outage is
    /// waited out, not held against the order.
    /// </summary>
    private async Task SettleOrCompensateAsync(Actor actor, bool counted)
    {
        try
        {
            await SettleAsync(actor);
        }
        catch (Exception ex) when (Data.Exists && !Data.Settled && (counted || OrderSettlement.IsPermanent(ex)))
        {
            var failures = Data.SettleFailures + 1;
            LogSettleFailed(logger, ex, this.GetPrimaryKeyString(), failures);
            if (!OrderSettlement.CompensateNow(OrderSettlement.IsPermanent(ex), failures, provisioning.Value.OrderSettleAttempts))
            {
                await SaveAsync(Data with { SettleFailures = failures }, null, null);
                throw;
            }

            // The order's reason is read by the department: the kind of failure only; the message is in the log above.
            var reason = $"hand-off failed after {failures} attempt(s) ({ex.GetType().Name})";
            await OrderSettlement.CompensateAsync(GrainFactory, Department, OrderId, Data.Request!.SystemId, Data.ResourceIds, reason, actor);
            await SaveAsync(Data with { State = OrderState.Failed, Reason = reason, SettleFailures = failures, CapacityQueued = false, Settled = true, UpdatedAt = Now }, actor, "order.failed");
            BrokerMetrics.OrderDecisions.WithLabels("failed").Inc();
        }
    }

    /// <summary>Brings resources and the envelope in line with the order's state; safe to repeat.</summary>
    private async Task SettleAsync(Actor actor)
    {
        if ((Data.Settled && Data.State != OrderState.PendingApproval) || Data.State == OrderState.Failed)
        {
            return;
        }

        if (NeedsWaking && _hasReminder != true)
        {
            // Asked first: a pending order woken by the sweeper already has one, and a read is cheaper than an upsert.
            if (await this.GetReminder(Reminder) is null)
            {
                await this.RegisterOrUpdateReminder(Reminder, approval.Value.CheckEvery, approval.Value.CheckEvery);
            }

            _hasReminder = true;
        }

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
            await SaveAsync(Data with { Settled = true }, null, null);
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

        var withdrawn = Data.State is OrderState.Rejected or OrderState.Cancelled;
        await SaveAsync(Data with { CapacityQueued = false, Pools = pools.ToDictionary(StringComparer.Ordinal), UpdatedAt = Now }, actor, withdrawn ? "order.capacity-withdrawn" : "order.capacity-admitted");
        return true;
    }

    /// <summary>
    /// Makes <paramref name="next"/> durable, with an audit row for <paramref name="action"/> if given, then adopts it.
    /// A failure (a version conflict included) leaves memory as it was and deactivates, so the next call reloads.
    /// </summary>
    private async Task SaveAsync(OrderData next, Actor? actor, string? action)
    {
        var audit = actor is null || action is null
            ? null
            : new AuditEntry(Now, actor.Subject, actor.DisplayName, Department, "order", OrderId, action, null, BrokerJson.Serialize(next.ToView()), actor.CorrelationId);
        try
        {
            await store.SaveAsync(next, _version + 1, audit);
        }
        catch (Exception ex)
        {
            // The write may or may not have committed; only a fresh activation reading PostgreSQL knows.
            LogWriteFailed(logger, ex, this.GetPrimaryKeyString());
            DeactivateOnIdle();
            throw;
        }

        Data = next;
        _version++;
    }

    private static BrokerError? Validate(OrderRequest r) => OrderValidation.Request(r) is [var first, ..] ? first : null;

    private static BrokerError? PlanProblem(PlanVersion plan, OrderRequest r)
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

        return null;
    }

    private static OrderResult Fail(BrokerErrorKind kind, string code, string? field = null, string? detail = null) =>
        new(null, new BrokerError(kind, code, field, detail), [], false);


    [LoggerMessage(Level = LogLevel.Error, Message = "Write for order {Order} failed; deactivating to reload from PostgreSQL")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string order);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off of order {Order} failed (attempt {Attempt})")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string order, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Order} adopted from Orleans storage into broker.orders")]
    private static partial void LogAdopted(ILogger logger, string order);
}
