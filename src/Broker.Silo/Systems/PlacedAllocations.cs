using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Systems;

/// <summary>
/// An auto-approved order's allocations against its system's envelope, one per resource, written in the order's
/// placement transaction (with the quota reservation and the capacity holds) instead of a transaction of the system
/// grain's after the answer. The system grain learns them from its rows when it activates, or from the order's hand-off
/// (<see cref="ISystemGrain.AdoptAllocationsAsync"/>), which writes nothing. Each carries its <c>system.allocated</c>
/// audit row, as an allocation made by the grain does (<see cref="Audit"/>).
/// </summary>
public sealed record PlacedAllocations(string Department, string SystemId, IReadOnlyList<string> Ids, QuotaVector Vector, DateTimeOffset At, IReadOnlyList<AuditEntry> Audits)
{
    // Plain inserts: the placement's own fence (the order's first row) makes the transaction fail on a replay, and the
    // primary key refuses an id allocated twice.
    private const string InsertSql = """
        insert into broker.system_allocations (department, system_id, allocation_id, vector, allocated_at)
        select @department, @system, id, @vector::jsonb, @at from unnest(@ids) as u(id)
        """;

    /// <summary>The allocations of <paramref name="ids"/> on top of what <paramref name="system"/> showed the order's check.</summary>
    public static PlacedAllocations For(string department, string systemId, SystemView system, IReadOnlyList<string> ids, QuotaVector vector, DateTimeOffset at)
    {
        var allocated = system.Allocated;
        var audits = new List<AuditEntry>(ids.Count);
        foreach (var id in ids)
        {
            allocated = allocated.Add(vector);
            audits.Add(Audit(at, department, systemId, system, id, vector, allocated, "system.allocated"));
        }

        return new PlacedAllocations(department, systemId, ids, vector, at, audits);
    }

    /// <summary>The audit row of one allocation change: the system before, and the allocation with the total after it.</summary>
    public static AuditEntry Audit(DateTimeOffset at, string department, string systemId, SystemView? before, string allocationId, QuotaVector vector, QuotaVector allocated, string action)
    {
        var actor = Actor.System(allocationId);
        return new AuditEntry(
            at, actor.Subject, actor.DisplayName, department, "system", systemId, action,
            BrokerJson.Serialize(before),
            BrokerJson.Serialize(new { allocationId, vector, allocated }),
            actor.CorrelationId);
    }

    /// <summary>Adds the rows to <paramref name="batch"/> (their audit rows go with the placement's own, in one statement).</summary>
    public void AddTo(NpgsqlBatch batch)
    {
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<string>("department", Department));
        insert.Parameters.Add(new NpgsqlParameter<string>("system", SystemId));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. Ids]));
        insert.Parameters.Add(new NpgsqlParameter<string>("vector", BrokerJson.Serialize(Vector)));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", At));
        batch.BatchCommands.Add(insert);
    }
}
