using Broker.Contracts.Capacity;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;

namespace Broker.Silo.Resources;

/// <summary>
/// A resource's side of the department's quota, its system's allocation and its pool's capacity: carries out what
/// <see cref="QuotaSquaring"/> decides by calling those grains. Every call is idempotent.
/// </summary>
public sealed class ResourceQuota(IGrainFactory grains)
{
    private ICapacityGrain Room => grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    /// <summary>Makes the reservation and the pool's hold for <paramref name="data"/> match its state.</summary>
    public async Task SquareAsync(ResourceData data)
    {
        var actor = Actor.System($"quota:{data.Id}");
        switch (QuotaSquaring.For(data))
        {
            case QuotaStep.Release:
                await Department(data).ReleaseAsync(data.Id, ReservationOwner.System, actor);
                await OwningSystem(data).DeallocateAsync(data.Id);
                break;
            case QuotaStep.Commit:
                await Department(data).CommitAsync(data.Id, ReservationOwner.System, actor);
                break;
            case QuotaStep.CommitAtSpec:
                await Department(data).CommitAsync(data.Id, ReservationOwner.System, actor);
                await Department(data).ResizeAsync(data.Id, data.Spec!.Vector, ReservationOwner.System, actor);
                break;
        }

        if (QuotaSquaring.Capacity(data) is { } capacity)
        {
            await Room.SquareAsync(capacity);
        }
    }

    /// <summary>
    /// Commits the quota of a resource becoming ready for the first time with <paramref name="append"/> (the resource's
    /// journal rows of that change) in the department's one transaction. False when the change commits nothing or the
    /// department wrote nothing (committed already, or no reservation of this resource): the caller appends the rows itself.
    /// </summary>
    public async Task<bool> CommitWithAsync(ResourceData before, ResourceData after, ResourceAppend append)
    {
        if (!QuotaSquaring.CommitsWith(before, after))
        {
            return false;
        }

        var committed = await Department(after).CommitAsync(after.Id, ReservationOwner.System, Actor.System($"quota:{after.Id}"), append.ToWrite());
        return committed.Error is null && !committed.Replayed;
    }

    /// <summary>Holds <paramref name="vector"/> in the resource's pool (growth must fit); null when held or supply is not managed.</summary>
    public async Task<BrokerError?> HoldCapacityAsync(ResourceData data, QuotaVector vector)
    {
        if (QuotaSquaring.Capacity(data, vector) is not { } capacity)
        {
            return null;
        }

        var held = await Room.HoldAsync(capacity);
        return held.Refusal is null
            ? null
            : new BrokerError(BrokerErrorKind.Conflict, "capacity.pool-full", "planCode", $"{capacity.Pool}: {Shortfalls(held.Shortfalls)}");
    }

    /// <summary>
    /// Reserves a resize's growth before the backend is touched: the peak of both specs in the pool, then in the
    /// department's quota; shrinkage is given back once the backend has applied it. Refused, nothing more stays held.
    /// </summary>
    public async Task<BrokerError?> ReserveResizeAsync(ResourceData data, ResourceSpec spec, Actor actor)
    {
        var peak = QuotaSquaring.Peak(data.Spec!.Vector, spec.Vector);
        if (await HoldCapacityAsync(data, peak) is { } full)
        {
            return full;
        }

        var reserved = await Department(data).ResizeAsync(data.Id, peak, ReservationOwner.System, actor);
        if (reserved.Error is null)
        {
            return null;
        }

        await HoldCapacityAsync(data, data.Spec.Vector);
        return reserved.Error with { Detail = Shortfalls(reserved.Reservation?.Shortfalls ?? []) };
    }

    private static string Shortfalls(IEnumerable<Shortfall> shortfalls) =>
        string.Join(", ", shortfalls.Select(s => $"{s.Dimension} -{s.Missing}"));

    private IDepartmentGrain Department(ResourceData data) => grains.GetGrain<IDepartmentGrain>(data.Creation!.Department);

    private ISystemGrain OwningSystem(ResourceData data) => grains.GetSystem(new SystemKey(data.Creation!.Department, data.Creation.OwningSystem));
}
