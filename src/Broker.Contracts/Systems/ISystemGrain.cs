using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Orleans.Concurrency;

namespace Broker.Contracts.Systems;

/// <summary>
/// One system of one department, keyed <c>{department}/{systemId}</c>. Holds the registration, the review decision and
/// the envelope, and counts what the system's live orders hold against the envelope (idempotent by allocation id).
/// </summary>
[Alias("broker.ISystemGrain")]
public interface ISystemGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<SystemView?> GetAsync();

    /// <summary>
    /// Registers (or, while proposed or rejected, re-submits) the system; it then waits for review. A category that may
    /// not be built separately is refused with a pointer to the shared platform unless a justification is given.
    /// Registering again with the same content answers the same.
    /// </summary>
    [Alias("Register")]
    Task<SystemResult> RegisterAsync(SystemRegistration registration, Actor actor);

    /// <summary>Approves (with the envelope granted) or rejects a proposed system.</summary>
    [Alias("Review")]
    Task<SystemResult> ReviewAsync(SystemReview review, Actor actor);

    /// <summary>
    /// May the system order <paramref name="total"/> now, and is that inside its envelope? Answered at once, also while a
    /// change is being written: an allocation being written already counts, a registration or review once it is durable.
    /// </summary>
    [Alias("CheckOrder")]
    [AlwaysInterleave]
    Task<OrderEligibility> CheckOrderAsync(QuotaVector total);

    /// <summary>Counts <paramref name="vector"/> against the envelope under <paramref name="allocationId"/> (an order or resource id). Idempotent.</summary>
    [Alias("Allocate")]
    Task AllocateAsync(string allocationId, QuotaVector vector);

    /// <summary>
    /// <see cref="AllocateAsync"/> for each of <paramref name="allocationIds"/> (an order's resources) in one call, the
    /// writes queued together so they share a transaction. Idempotent per id.
    /// </summary>
    [Alias("AllocateMany")]
    Task AllocateManyAsync(IReadOnlyList<string> allocationIds, QuotaVector vector);

    /// <summary>
    /// Counts allocations that are durable already, written with the order's placement (its quota reservation's
    /// transaction): nothing is written, and ids the grain knows (it read their rows) change nothing. Idempotent.
    /// </summary>
    [Alias("AdoptAllocations")]
    Task AdoptAllocationsAsync(IReadOnlyList<string> allocationIds, QuotaVector vector);

    /// <summary>Stops counting an allocation. Idempotent.</summary>
    [Alias("Deallocate")]
    Task DeallocateAsync(string allocationId);
}
