using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Contracts.Capacity;

/// <summary>
/// The machine room's supply side, one grain for the whole room (key <see cref="RoomKey"/>) so that every placement is
/// decided one at a time against the same figures: a pool is never promised more than it can sell. Every decision is
/// durable in PostgreSQL before the caller hears it, except a provisional placement, whose rows the caller commits with
/// its own decision (<see cref="AdmitProvisionallyAsync"/>); holds are squared against live resources on activation.
/// </summary>
[Alias("broker.ICapacityGrain")]
public interface ICapacityGrain : IGrainWithStringKey
{
    /// <summary>The one key: capacity decisions for the whole room are serialized through one activation.</summary>
    public const string RoomKey = "room";

    /// <summary>
    /// Places every unit of an order in a pool serving its network zone (most headroom first, ties by name) or none.
    /// When nothing fits: refused with the reason, or queued when the policy says so. Idempotent by order: asking
    /// again answers with the placement (or queue entry) already made.
    /// </summary>
    [Alias("Admit")]
    Task<CapacityAdmission> AdmitAsync(CapacityRequest request);

    /// <summary>
    /// As <see cref="AdmitAsync"/>, but a placement's holds are kept in memory only: the caller commits their rows
    /// (<c>broker.capacity_holds</c>) in its own transaction, with the decision that needs them, and then
    /// <see cref="ConfirmAsync"/>s them. Until then the room counts them and never writes them itself. A provisional hold
    /// the caller withdraws (its order was refused) is gone at once; one nobody confirms is checked against PostgreSQL
    /// after the orphan grace (kept if its row was committed, dropped if not), and a reload of the room drops it
    /// anyway, since the rows are the truth. A queue entry is written before the answer, as by <see cref="AdmitAsync"/>.
    /// </summary>
    [Alias("AdmitProvisionally")]
    Task<CapacityAdmission> AdmitProvisionallyAsync(CapacityRequest request);

    /// <summary>
    /// The rows of a provisional placement were committed: the room stops treating them as provisional, and holds them
    /// again should it have dropped them meanwhile (the commit outlived the grace). Idempotent; writes nothing.
    /// </summary>
    [Alias("Confirm")]
    Task ConfirmAsync(CapacityRequest request, IReadOnlyDictionary<string, string> pools);

    /// <summary>Where the order's resources were placed; null while it waits in the queue or is unknown.</summary>
    [Alias("GetPlacement")]
    Task<IReadOnlyDictionary<string, string>?> GetPlacementAsync(string department, string orderId);

    /// <summary>Withdraws an order: its queue entry and the holds of its resources (used when the quota refused it). Idempotent.</summary>
    [Alias("Withdraw")]
    Task WithdrawAsync(string department, string orderId, IReadOnlyList<string> resourceIds);

    /// <summary>
    /// Holds <paramref name="vector"/> for a resource in its pool again, or grows an existing hold to it (a retry after a
    /// failure, a resize). Refused when the pool cannot take the difference; shrinking always succeeds.
    /// </summary>
    [Alias("Hold")]
    Task<CapacityAdmission> HoldAsync(ResourceCapacity resource);

    /// <summary>Makes the resource's hold match its state: allocated once built, released when deleted or failed. Idempotent.</summary>
    [Alias("Square")]
    Task SquareAsync(ResourceCapacity resource);

    /// <summary>Every pool's figures and the queue, now.</summary>
    [Alias("GetSnapshot")]
    Task<CapacitySnapshot> GetSnapshotAsync();
}
