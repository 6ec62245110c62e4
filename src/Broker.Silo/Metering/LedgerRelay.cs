using System.Text.Json;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// Applies new journal events (<c>broker.resource_events</c>, the outbox) to the ledger: interval rows and the per-resource
/// cursor are written in ONE transaction, so a crash before commit leaves both as they were and the next pass applies
/// the same events again, once. An event at or below the cursor is a replay and changes nothing. A gap in a resource's
/// sequence stops that resource at the gap (the integrity check reports it) instead of applying events out of order.
/// </summary>
public sealed class LedgerRelay(NpgsqlDataSource dataSource)
{
    private const string BatchSql = """
        select e.resource_id, e.seq, e.payload::text, c.last_seq, c.state::text
        from broker.resource_events e
        left join broker.ledger_cursor c on c.resource_id = e.resource_id
        where e.recorded_at >= @since and e.seq > coalesce(c.last_seq, 0)
        order by e.resource_id, e.seq
        limit @limit
        """;

    private const string OpenSql = """
        insert into broker.usage_intervals
            (resource_id, opened_seq, department, system_id, kind, plan_code, plan_version, sla_tier, running, vcpu, memory_gib, storage_gib, instances, vector, started_at, written_at)
        values (@id, @seq, @department, @system, @kind, @plan, @version, @tier, @running, @vcpu, @memory, @storage, @instances, @vector::jsonb, @at, clock_timestamp())
        """;

    private const string CloseSql = """
        update broker.usage_intervals set closed_seq = @closed, ended_at = @at, written_at = clock_timestamp()
        where resource_id = @id and opened_seq = @opened and ended_at is null
        """;

    // The guard on last_seq makes a second writer that bypassed the lock fail instead of double-applying.
    private const string CursorSql = """
        insert into broker.ledger_cursor (resource_id, last_seq, state, updated_at) values (@id, @seq, @state::jsonb, now())
        on conflict (resource_id) do update set last_seq = excluded.last_seq, state = excluded.state, updated_at = now()
        where ledger_cursor.last_seq = @previous
        """;

    /// <summary>Fault injection for the crash tests: runs after the ledger rows are written, before commit.</summary>
    public Func<NpgsqlConnection, CancellationToken, Task>? BeforeCommit { get; set; }

    /// <summary>
    /// One pass over at most <paramref name="limit"/> events recorded since <paramref name="since"/>. Answers how many
    /// events were applied (or skipped as not applicable) and whether the batch was full; -1 when another relay holds
    /// the lock.
    /// </summary>
    public async Task<(int Applied, bool Full, DateTimeOffset StartedAt)> RunOnceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LedgerLock.TryTakeAsync(connection, transaction, cancellationToken))
        {
            return (-1, false, default);
        }

        // The database's clock, the one recorded_at is written with, marks where the next pass may start looking.
        DateTimeOffset startedAt;
        await using (var clock = new NpgsqlCommand("select now()", connection, transaction))
        {
            startedAt = new DateTimeOffset((DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
        }

        var rows = new List<(string Id, long Seq, string Payload, long? LastSeq, string? State)>();
        await using (var read = new NpgsqlCommand(BatchSql, connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("since", since));
            read.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        if (rows.Count == 0)
        {
            return (0, false, startedAt);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var cursors = new List<NpgsqlBatchCommand>();
        var applied = 0;
        foreach (var resource in rows.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var first = resource.First();
            var previous = first.LastSeq ?? 0;
            var state = first.State is null ? null : BrokerJson.Deserialize<LedgerState>(first.State);
            var last = previous;
            foreach (var row in resource)
            {
                if (row.Seq != last + 1)
                {
                    break; // a gap: wait for the missing event rather than apply out of order
                }

                var step = Parse(row.Payload) is { } e ? LedgerFold.Apply(state, row.Seq, e) : new LedgerStep(state, null, null);
                if (step.Close is { } close)
                {
                    batch.BatchCommands.Add(Close(row.Id, close));
                }

                if (step.Open is { } open && step.Next is { } owner)
                {
                    batch.BatchCommands.Add(Open(row.Id, owner, open));
                }

                state = step.Next;
                last = row.Seq;
                applied++;
            }

            if (last != previous)
            {
                var cursor = Cursor(row: resource.Key, last, previous, state);
                cursors.Add(cursor);
                batch.BatchCommands.Add(cursor);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            if (cursors.Any(c => c.RecordsAffected != 1))
            {
                throw new InvalidOperationException("The ledger cursor moved under the relay: another writer applied the same events; this pass is rolled back.");
            }
        }

        if (BeforeCommit is { } fault)
        {
            await fault(connection, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (applied, rows.Count >= limit, startedAt);
    }

    /// <summary>Applies everything there is (tests, and the first pass at start).</summary>
    public async Task<int> DrainAsync(int batchSize = 2000, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var (applied, full, _) = await RunOnceAsync(DateTimeOffset.MinValue, batchSize, cancellationToken);
            total += Math.Max(0, applied);
            if (!full)
            {
                return total;
            }
        }
    }

    // An event type this build does not know (written by a newer silo) is not a ledger event for it: skip, keep order.
    private static ResourceEvent? Parse(string payload)
    {
        try
        {
            return BrokerJson.Deserialize<ResourceEvent>(payload);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static NpgsqlBatchCommand Open(string id, LedgerState owner, LedgerOpenInterval open)
    {
        var a = open.Allocation;
        var command = new NpgsqlBatchCommand(OpenSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<long>("seq", open.OpenedSeq));
        command.Parameters.Add(new NpgsqlParameter<string>("department", owner.Department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", owner.SystemId));
        command.Parameters.Add(new NpgsqlParameter<string>("kind", a.Kind));
        command.Parameters.Add(new NpgsqlParameter<string>("plan", a.PlanCode));
        command.Parameters.Add(new NpgsqlParameter<int>("version", a.PlanVersion));
        command.Parameters.Add(new NpgsqlParameter<string>("tier", a.SlaTier));
        command.Parameters.Add(new NpgsqlParameter<bool>("running", open.Running));
        command.Parameters.Add(new NpgsqlParameter<int>("vcpu", a.Vcpu));
        command.Parameters.Add(new NpgsqlParameter<int>("memory", a.MemoryGib));
        command.Parameters.Add(new NpgsqlParameter<int>("storage", a.StorageGib));
        command.Parameters.Add(new NpgsqlParameter<int>("instances", a.Instances));
        command.Parameters.Add(new NpgsqlParameter<string>("vector", a.VectorJson));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", open.StartedAt.ToUniversalTime()));
        return command;
    }

    private static NpgsqlBatchCommand Close(string id, LedgerClose close)
    {
        var command = new NpgsqlBatchCommand(CloseSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<long>("opened", close.OpenedSeq));
        command.Parameters.Add(new NpgsqlParameter<long>("closed", close.ClosedSeq));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", close.EndedAt.ToUniversalTime()));
        return command;
    }

    private static NpgsqlBatchCommand Cursor(string row, long seq, long previous, LedgerState? state)
    {
        var command = new NpgsqlBatchCommand(CursorSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", row));
        command.Parameters.Add(new NpgsqlParameter<long>("seq", seq));
        command.Parameters.Add(new NpgsqlParameter<long>("previous", previous));
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = state is null ? DBNull.Value : BrokerJson.Serialize(state) });
        return command;
    }
}
