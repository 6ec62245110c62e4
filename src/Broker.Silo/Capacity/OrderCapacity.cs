using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using ContractKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Capacity;

/// <summary>The order grain's side of capacity admission, kept here so the order grain only says when.</summary>
public static class OrderCapacity
{
    private static ICapacityGrain Room(IGrainFactory grains) => grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    /// <summary>Every unit of an order of <paramref name="plan"/>, to be placed in a pool serving <paramref name="zone"/>.</summary>
    public static CapacityRequest Request(string department, string orderId, string zone, PlanVersion plan, IReadOnlyList<string> ids) =>
        new(department, orderId, zone, plan.Kind == OfferingKind.Database ? ContractKind.Database : ContractKind.Vm, plan.PerUnit, ids);

    /// <summary>The same request, rebuilt from what the order stored (its spec carries the plan's kind and unit).</summary>
    public static CapacityRequest Request(string department, string orderId, string zone, ResourceSpec spec, IReadOnlyList<string> ids) =>
        new(department, orderId, zone, spec.Kind, spec.Vector, ids);

    /// <summary>
    /// Places every unit, queues the order, or refuses. A placement is provisional: its holds (<see cref="Holds"/>) are
    /// committed with the order's first row, in the department's transaction; a queue entry is durable already.
    /// </summary>
    public static Task<CapacityAdmission> AdmitAsync(IGrainFactory grains, CapacityRequest request) => Room(grains).AdmitProvisionallyAsync(request);

    /// <summary>The hold rows of a provisional placement, for the order to commit; none when queued, refused or unmanaged.</summary>
    public static IReadOnlyList<CapacityHold> Holds(CapacityRequest request, CapacityAdmission supply, DateTimeOffset now) =>
        supply.Outcome == CapacityOutcome.Placed
            ? supply.Pools.Select(p => new CapacityHold(p.Key, p.Value, request.Department, request.OrderId, request.PerUnit, false, now, now)).ToList()
            : [];

    /// <summary>Tells the room the order's holds are committed (see <see cref="ICapacityGrain.ConfirmAsync"/>); nothing to do without pools.</summary>
    public static Task ConfirmAsync(IGrainFactory grains, CapacityRequest request, IReadOnlyDictionary<string, string> pools) =>
        pools.Count == 0 ? Task.CompletedTask : Room(grains).ConfirmAsync(request, pools);

    /// <summary>
    /// Would the order fit the department's quota? An order short of both is told about its quota (the department's
    /// own to fix) by the department grain, which also records that denial for replays.
    /// </summary>
    public static async Task<bool> FitsQuotaAsync(IGrainFactory grains, string department, QuotaVector total) =>
        await grains.GetGrain<IDepartmentGrain>(department).GetQuotaAsync() is { } quota
        && QuotaDecisions.Shortfalls(quota.Limits, quota.Used, quota.Reserved, total).Count == 0;

    /// <summary>Gives back what the room held for an order the quota then refused (a provisional placement is simply forgotten).</summary>
    public static async Task WithdrawAsync(IGrainFactory grains, string department, string orderId, CapacityAdmission supply, IReadOnlyList<string> ids)
    {
        if (supply.Outcome is CapacityOutcome.Placed or CapacityOutcome.Queued)
        {
            await Room(grains).WithdrawAsync(department, orderId, ids);
        }
    }

    /// <summary>
    /// For a queued order: the pools once the room has placed it (null while it still waits); for one rejected or
    /// cancelled while queued, its queue entry is withdrawn and no pools are given.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>?> LeaveQueueAsync(IGrainFactory grains, string department, string orderId, bool withdrawn, IReadOnlyList<string> ids)
    {
        if (withdrawn)
        {
            await Room(grains).WithdrawAsync(department, orderId, ids);
            return new Dictionary<string, string>();
        }

        return await Room(grains).GetPlacementAsync(department, orderId);
    }
}
