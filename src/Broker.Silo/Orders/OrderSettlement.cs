using Broker.Contracts.Capacity;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Npgsql;

namespace Broker.Silo.Orders;

/// <summary>
/// What becomes of an order whose hand-off to its resources fails after its decision was written. The order holds
/// quota, a capacity hold and a place in its system's envelope from that moment; a failure must end either in the
/// resources (a retry succeeds) or in all of that given back, never in an order that holds and waits forever.
/// </summary>
public static class OrderSettlement
{
    /// <summary>
    /// A failure that no retry can mend: the input or a programming error, not the weather. Bad values (an argument,
    /// a cast, an overflow) and PostgreSQL's data and integrity classes (22, 23) are permanent; timeouts, lost
    /// connections and an unreachable silo are not, and the sweeper's bounded attempts cover anything unrecognised.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } single => IsPermanent(single.InnerExceptions[0]),
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal),
        ArgumentException or FormatException or OverflowException or InvalidCastException => true,
        _ => false,
    };

    /// <summary>Whether a failed hand-off is compensated now: at once when permanent, else after the configured attempts.</summary>
    public static bool CompensateNow(bool permanent, int failures, int attempts) => permanent || failures >= attempts;

    /// <summary>
    /// Gives back what the order holds for resources that do not exist yet (quota reservation, envelope allocation,
    /// capacity hold) and cancels those created but still waiting for approval. Resources already approved have a
    /// life of their own (they provision, fail and are retried or deleted by the department) and are left as they are.
    /// Every call is idempotent, so an interrupted compensation is simply repeated.
    /// </summary>
    public static async Task CompensateAsync(IGrainFactory grains, OrderData order, string reason, Actor actor)
    {
        var (department, orderId, resourceIds) = (order.Department, order.Id, order.ResourceIds);
        var quota = grains.GetGrain<IDepartmentGrain>(department);
        var system = grains.GetSystem(new SystemKey(department, order.Request!.SystemId));
        if (order.EnvelopeCounted)
        {
            // Written with the placement: the system grain must count them before it can give them back.
            await system.AdoptAllocationsAsync(resourceIds, order.Spec!.Vector);
        }

        var unbuilt = new List<string>();
        foreach (var id in resourceIds)
        {
            var resource = grains.GetGrain<IResourceGrain>(id);
            switch (await resource.GetAsync())
            {
                case null:
                    await quota.ReleaseAsync(id, ReservationOwner.System, actor);
                    await system.DeallocateAsync(id);
                    unbuilt.Add(id);
                    break;
                case { State: ResourceState.PendingApproval }:
                    await resource.CancelAsync($"order failed: {reason}", actor);
                    break;
            }
        }

        // Also drops a capacity-queue entry the order may still have.
        await grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey).WithdrawAsync(department, orderId, unbuilt);
    }
}
