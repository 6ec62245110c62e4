using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Silo.Quotas;

/// <summary>
/// The quota pass's decision, pure: which system-owned reservations differ from what the department's live resources
/// hold. Only stable differences are repaired: a resource or reservation that changed within <c>grace</c> may be in the
/// middle of an order, a resize or a deletion whose own steps square it a moment later (a hold is taken before its
/// resource row exists; a reservation grows before the resize is recorded; a deletion is recorded before its release),
/// and repairing it then would race those steps.
/// </summary>
public static class QuotaDrift
{
    /// <param name="reservations">The department's system-owned reservations, live and remembered finished ones.</param>
    /// <param name="resources">Every resource of the department that the directory lists as not deleted.</param>
    public static IReadOnlyList<QuotaRepair> Repairs(
        IEnumerable<Reservation> reservations, IReadOnlyList<ResourceHolding> resources, DateTimeOffset now, TimeSpan grace)
    {
        var stableBefore = now - grace;
        var byId = reservations.Where(r => r.Owner == ReservationOwner.System).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var repairs = new List<QuotaRepair>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            listed.Add(resource.Id);
            var reservation = byId.GetValueOrDefault(resource.Id);
            if (resource.UpdatedAt > stableBefore || reservation?.UpdatedAt > stableBefore || !InUse(resource.State))
            {
                // In flux, or a state (pending, provisioning, updating, deleting, failed) whose own steps square it.
                continue;
            }

            if (For(resource, reservation) is { } repair)
            {
                repairs.Add(repair);
            }
        }

        // Use without a live resource: the resource was deleted (its row says so, or it is gone) and the release was lost.
        repairs.AddRange(byId.Values
            .Where(r => r.State == ReservationState.Committed && !listed.Contains(r.Id) && r.UpdatedAt <= stableBefore)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new QuotaRepair(r.Id, QuotaRepairKind.Released, null)));
        return repairs;
    }

    /// <summary>States in which a resource exists and nothing is under way: its spec's vector is in use.</summary>
    public static bool InUse(ResourceState state) => state is ResourceState.Ready or ResourceState.Stopped;

    private static QuotaRepair? For(ResourceHolding resource, Reservation? reservation) => reservation switch
    {
        null or { IsLive: false } => new QuotaRepair(resource.Id, QuotaRepairKind.Restored, resource.Vector),
        { State: ReservationState.Held } => new QuotaRepair(resource.Id, QuotaRepairKind.Committed, resource.Vector),
        _ when reservation.Vector != resource.Vector => new QuotaRepair(resource.Id, QuotaRepairKind.Resized, resource.Vector),
        _ => null,
    };
}
