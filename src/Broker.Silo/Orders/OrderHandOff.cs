using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Silo.Capacity;
using Broker.Silo.Diagnostics;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Orders;

/// <summary>
/// The hand-off of a decided order to its resources: the room is told its holds are committed, the system's envelope
/// counts the resources, and the resources are created (approved ones start to build at once), all N at the same
/// time since each is a grain of its own. Runs after the order has answered (a one-shot timer of the order grain),
/// and again from the sweeper if a crash interrupts it: every step is idempotent, so a repeat only finishes the rest.
/// The order is <see cref="OrderData.Settled"/> once it is done; a hand-off that keeps failing is compensated.
/// </summary>
public sealed partial class OrderHandOff(IGrainFactory grains, OrderRecord record, Func<DateTimeOffset> now, int settleAttempts, ILogger logger)
{
    // One run at a time: the run after the answer interleaves with the order's other calls (so a replay or a read never
    // waits for it), and a decision arriving meanwhile runs its own hand-off only once that one is done.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private OrderData Data => record.Data;

    /// <summary>
    /// <see cref="SettleAsync"/>, and if it fails, the failure settled too: a permanent one compensates the order at
    /// once; another, in the sweeper's visits (<paramref name="counted"/>), is counted durably and compensated after
    /// <c>OrderSettleAttempts</c>. An uncounted transient failure is rethrown and left to a replay or the sweeper. A
    /// failure to count (PostgreSQL itself down) counts nothing: an outage is waited out, not held against the order.
    /// Traced as <c>broker.order.hand-off</c>, the child of <paramref name="traceParent"/> when given (<see cref="OrderTracing"/>).
    /// </summary>
    public async Task SettleOrCompensateAsync(Actor actor, bool counted, string? traceParent = null)
    {
        await _gate.WaitAsync();
        using var activity = OrderTracing.StartHandOff(Data, traceParent, resumed: counted);
        try
        {
            await SettleOrCompensateOnceAsync(actor, counted);
        }
        catch (Exception ex)
        {
            activity?.Fail(ex);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SettleOrCompensateOnceAsync(Actor actor, bool counted)
    {
        try
        {
            await SettleAsync(actor);
        }
        catch (Exception ex) when (Data.Exists && !Data.Settled && (counted || OrderSettlement.IsPermanent(ex)))
        {
            var failures = Data.SettleFailures + 1;
            LogSettleFailed(logger, ex, new OrderKey(Data.Department, Data.Id).ToString(), failures);
            if (!OrderSettlement.CompensateNow(OrderSettlement.IsPermanent(ex), failures, settleAttempts))
            {
                await record.SaveAsync(Data with { SettleFailures = failures }, null, null);
                throw;
            }

            // The order's reason is read by the department: the kind of failure only; the message is in the log above.
            var reason = $"hand-off failed after {failures} attempt(s) ({ex.GetType().Name})";
            await OrderSettlement.CompensateAsync(grains, Data, reason, actor);
            await record.SaveAsync(Data with { State = OrderState.Failed, Reason = reason, SettleFailures = failures, CapacityQueued = false, Settled = true, UpdatedAt = now() }, actor, "order.failed");
            BrokerMetrics.OrderDecisions.WithLabels("failed").Inc();
        }
    }

    /// <summary>Brings resources and the envelope in line with the order's state; safe to repeat.</summary>
    private async Task SettleAsync(Actor actor)
    {
        if (Data.IsHandedOff)
        {
            return;
        }

        // Waiting for capacity: the resources are created once the room has placed them (the order's reminder asks again).
        if (Data.CapacityQueued && !await LeaveCapacityQueueAsync(actor))
        {
            return;
        }

        // Settled as of the state this run handed off: a decision taken meanwhile (the order approved while its pending
        // resources were being created) is handed off by its own run, after this one.
        var order = Data;
        await ResourcesAsync(order, actor);
        if (!order.Settled && order.State != OrderState.PendingApproval && Data.State == order.State && !Data.Settled)
        {
            await record.SaveAsync(Data with { Settled = true }, null, null);
        }
    }

    /// <summary>True once the order has left the capacity queue: placed, or withdrawn because it was rejected or cancelled.</summary>
    private async Task<bool> LeaveCapacityQueueAsync(Actor actor)
    {
        var withdrawn = Data.State is OrderState.Rejected or OrderState.Cancelled;
        var pools = await OrderCapacity.LeaveQueueAsync(grains, Data.Department, Data.Id, withdrawn, Data.ResourceIds);
        if (pools is null)
        {
            return false;
        }

        var next = Data with { CapacityQueued = false, Pools = pools.ToDictionary(StringComparer.Ordinal), UpdatedAt = now() };
        await record.SaveAsync(next, actor, withdrawn ? "order.capacity-withdrawn" : "order.capacity-admitted");
        return true;
    }

    private async Task ResourcesAsync(OrderData order, Actor actor)
    {
        var request = order.Request!;
        if (order.State is OrderState.Approved or OrderState.PendingApproval)
        {
            await OrderCapacity.ConfirmAsync(grains, OrderCapacity.Request(order.Department, order.Id, order.NetworkZone, order.Spec!, order.ResourceIds), order.Pools);
        }

        // The envelope counts the resources before they start to build: written with the placement when the order was
        // approved and placed at once (the system grain is only told), else here, one call for all N whose writes share
        // a transaction.
        var approved = order.State == OrderState.Approved;
        if (approved)
        {
            var system = grains.GetSystem(new SystemKey(order.Department, request.SystemId));
            await (order.EnvelopeCounted ? system.AdoptAllocationsAsync(order.ResourceIds, order.Spec!.Vector) : system.AllocateManyAsync(order.ResourceIds, order.Spec!.Vector));
        }

        // An approved order's resources are created approved (one journal append: created, approved, provisioning); a
        // pending order's wait for approval. A repeat may meet a resource created waiting by an earlier pass, so
        // approval is asked again, and it changes nothing for a resource already provisioning.
        var creation = new ResourceCreation(order.Department, request.SystemId, order.Id, order.NetworkZone, order.Spec!, request.LeaseEnd, Approved: approved);
        await Task.WhenAll(order.ResourceIds.Select(id => ResourceAsync(order.State, id, creation with { Pool = order.Pools.GetValueOrDefault(id) }, actor)));
    }

    private async Task ResourceAsync(OrderState state, string id, ResourceCreation creation, Actor actor)
    {
        var resource = grains.GetGrain<IResourceGrain>(id);
        var created = await resource.CreateAsync(creation, actor);
        switch (state)
        {
            case OrderState.Approved when created.Resource?.State == ResourceState.PendingApproval:
                await resource.ApproveAsync(actor);
                break;
            case OrderState.Rejected or OrderState.Cancelled:
                await resource.CancelAsync($"order {WireText.Of(state)}", actor);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off of order {Order} failed (attempt {Attempt})")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string order, int attempt);
}
