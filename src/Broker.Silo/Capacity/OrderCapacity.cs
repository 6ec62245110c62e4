using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using ContractKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Capacity;

/// <summary>The order grain's side of capacity admission, kept here so the order grain only says when.</summary>
public static class OrderCapacity
{
    private static ICapacityGrain Room(IGrainFactory grains) => grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    /// <summary>Places every unit of the order in a pool serving the system's network zone, queues it, or refuses.</summary>
    public static Task<CapacityAdmission> AdmitAsync(IGrainFactory grains, string department, string orderId, SystemView system, PlanVersion plan, IReadOnlyList<string> ids) =>
        Room(grains).AdmitAsync(new CapacityRequest(
            department, orderId, WireText.Of(system.Registration.Declarations.NetworkZone),
            plan.Kind == OfferingKind.Database ? ContractKind.Database : ContractKind.Vm, plan.PerUnit, ids));

    /// <summary>
    /// Would the order fit the department's quota? An order short of both is told about its quota (the department's
    /// own to fix) by the department grain, which also records that denial for replays.
    /// </summary>
    public static async Task<bool> FitsQuotaAsync(IGrainFactory grains, string department, QuotaVector total) =>
        await grains.GetGrain<IDepartmentGrain>(department).GetQuotaAsync() is { } quota
        && QuotaDecisions.Shortfalls(quota.Limits, quota.Used, quota.Reserved, total).Count == 0;

    /// <summary>Gives back what the room held for an order the quota then refused.</summary>
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
