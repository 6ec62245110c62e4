namespace Broker.Silo.Capacity;

/// <summary>What one decision changed, written in one transaction: holds, queue entries, and today's figures of the touched pools.</summary>
public sealed record CapacityChanges(
    IReadOnlyList<CapacityHold> PutHolds,
    IReadOnlyList<string> RemovedHolds,
    IReadOnlyList<QueuedOrder> Enqueued,
    IReadOnlyList<string> Dequeued,
    IReadOnlyList<PoolFigures> TouchedPools)
{
    public bool IsEmpty => PutHolds.Count == 0 && RemovedHolds.Count == 0 && Enqueued.Count == 0 && Dequeued.Count == 0;
}
