using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Capacity;

/// <summary>The capacity grain's tables (<c>infra/sql/broker/0006_capacity.sql</c>) and what it squares against.</summary>
public sealed class CapacityStore(NpgsqlDataSource dataSource)
{
    private const string HoldsSql = "select resource_id, pool, department, order_id, vector::text, allocated, created_at, updated_at from broker.capacity_holds";

    private const string QueueSql = "select department, order_id, zone, backend, per_unit::text, resource_ids::text, queued_at from broker.capacity_queue";

    private const string PutHoldSql = """
        insert into broker.capacity_holds (resource_id, pool, department, order_id, vector, allocated, created_at, updated_at)
        values (@id, @pool, @department, @order, @vector::jsonb, @allocated, @created, @updated)
        on conflict (resource_id) do update set pool = excluded.pool, vector = excluded.vector, allocated = excluded.allocated, updated_at = excluded.updated_at
        """;

    private const string RemoveHoldSql = "delete from broker.capacity_holds where resource_id = @id";

    private const string EnqueueSql = """
        insert into broker.capacity_queue (order_key, department, order_id, zone, backend, per_unit, resource_ids, queued_at)
        values (@key, @department, @order, @zone, @backend, @per_unit::jsonb, @ids::jsonb, @at) on conflict (order_key) do nothing
        """;

    private const string DequeueSql = "delete from broker.capacity_queue where order_key = @key";

    private const string DailySql = """
        insert into broker.capacity_daily (pool, dimension, day, allocated, reserved) values (@pool, @dimension, @day, @allocated, @reserved)
        on conflict (pool, dimension, day) do update set allocated = excluded.allocated, reserved = excluded.reserved
        """;

    private const string HistorySql = """
        select pool, dimension, day, allocated from broker.capacity_daily
        where day >= @from and day < @today order by pool, dimension, day
        """;

    // What every resource that was placed in a pool is now: its state, and the vector of its latest event.
    private const string LiveSql = """
        select r.id, r.state, r.department, r.order_id, c.payload->'creation'->>'pool', v.vector::text
        from broker.resources r
        join broker.resource_events c on c.resource_id = r.id and c.seq = 1
        cross join lateral (select e.vector from broker.resource_events e where e.resource_id = r.id order by e.seq desc limit 1) v
        where c.payload->'creation'->>'pool' is not null
          and (r.state not in ('deleted', 'failed') or r.id in (select resource_id from broker.capacity_holds))
        """;

    // Holds of orders that never got on record (a crash between the capacity and the quota decision).
    private const string OrphansSql = """
        select h.resource_id from broker.capacity_holds h
        where h.created_at < @cutoff
          and not exists (select 1 from broker.resources r where r.id = h.resource_id)
          and not exists (select 1 from broker.orders o where o.department = h.department and o.id = h.order_id)
        """;

    public async Task<(IReadOnlyList<CapacityHold> Holds, IReadOnlyList<QueuedOrder> Queue)> LoadAsync(CancellationToken cancellationToken = default)
    {
        var holds = new List<CapacityHold>();
        await using (var command = dataSource.CreateCommand(HoldsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                holds.Add(new CapacityHold(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    BrokerJson.Deserialize<QuotaVector>(reader.GetString(4)), reader.GetBoolean(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
            }
        }

        var queue = new List<QueuedOrder>();
        await using (var command = dataSource.CreateCommand(QueueSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                queue.Add(new QueuedOrder(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    BrokerJson.Deserialize<QuotaVector>(reader.GetString(4)), BrokerJson.Deserialize<List<string>>(reader.GetString(5)),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        return (holds, queue);
    }

    private const string CommittedSql = "select resource_id from broker.capacity_holds where resource_id = any(@ids)";

    /// <summary>Which of <paramref name="resourceIds"/> have a committed hold row (settles provisional holds nobody confirmed).</summary>
    public async Task<IReadOnlySet<string>> CommittedAsync(IReadOnlyList<string> resourceIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CommittedSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", resourceIds.ToArray()));
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public async Task<IReadOnlyList<(string Id, ResourceState State, string Department, string OrderId, string Pool, QuotaVector Vector)>> LiveResourcesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<(string, ResourceState, string, string, string, QuotaVector)>();
        await using var command = dataSource.CreateCommand(LiveSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (WireText.TryParse<ResourceState>(reader.GetString(1), out var state))
            {
                list.Add((reader.GetString(0), state, reader.GetString(2), reader.GetString(3), reader.GetString(4), BrokerJson.Deserialize<QuotaVector>(reader.GetString(5))));
            }
        }

        return list;
    }

    public async Task<IReadOnlyList<string>> OrphansAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(OrphansSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Writes one decision's changes and today's figures of the pools it touched, in one transaction.</summary>
    public async Task SaveAsync(CapacityChanges changes, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var hold in changes.PutHolds)
        {
            batch.BatchCommands.Add(PutHold(hold));
        }

        foreach (var id in changes.RemovedHolds)
        {
            var command = new NpgsqlBatchCommand(RemoveHoldSql);
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            batch.BatchCommands.Add(command);
        }

        foreach (var order in changes.Enqueued)
        {
            var command = new NpgsqlBatchCommand(EnqueueSql);
            command.Parameters.Add(new NpgsqlParameter<string>("key", order.Key.ToString()));
            command.Parameters.Add(new NpgsqlParameter<string>("department", order.Department));
            command.Parameters.Add(new NpgsqlParameter<string>("order", order.OrderId));
            command.Parameters.Add(new NpgsqlParameter<string>("zone", order.Zone));
            command.Parameters.Add(new NpgsqlParameter<string>("backend", order.Backend));
            command.Parameters.Add(new NpgsqlParameter<string>("per_unit", BrokerJson.Serialize(order.PerUnit)));
            command.Parameters.Add(new NpgsqlParameter<string>("ids", BrokerJson.Serialize(order.ResourceIds)));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", order.QueuedAt));
            batch.BatchCommands.Add(command);
        }

        foreach (var key in changes.Dequeued)
        {
            var command = new NpgsqlBatchCommand(DequeueSql);
            command.Parameters.Add(new NpgsqlParameter<string>("key", key));
            batch.BatchCommands.Add(command);
        }

        foreach (var pool in changes.TouchedPools)
        {
            foreach (var dimension in pool.Dimensions ?? pool.Physical.Dimensions.ToHashSet())
            {
                var command = new NpgsqlBatchCommand(DailySql);
                command.Parameters.Add(new NpgsqlParameter<string>("pool", pool.Pool));
                command.Parameters.Add(new NpgsqlParameter<string>("dimension", dimension));
                command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", today));
                command.Parameters.Add(new NpgsqlParameter<long>("allocated", pool.Allocated[dimension]));
                command.Parameters.Add(new NpgsqlParameter<long>("reserved", pool.Reserved[dimension]));
                batch.BatchCommands.Add(command);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The upsert of one hold's row; also how an order commits the holds of its placement with its own first row.</summary>
    public static NpgsqlBatchCommand PutHold(CapacityHold hold)
    {
        var command = new NpgsqlBatchCommand(PutHoldSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", hold.ResourceId));
        command.Parameters.Add(new NpgsqlParameter<string>("pool", hold.Pool));
        command.Parameters.Add(new NpgsqlParameter<string>("department", hold.Department));
        command.Parameters.Add(new NpgsqlParameter<string>("order", hold.OrderId));
        command.Parameters.Add(new NpgsqlParameter<string>("vector", BrokerJson.Serialize(hold.Vector)));
        command.Parameters.Add(new NpgsqlParameter<bool>("allocated", hold.Allocated));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", hold.CreatedAt));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", hold.UpdatedAt));
        return command;
    }

    /// <summary>Recorded daily allocation before <paramref name="today"/>, from <paramref name="from"/> on, per pool and dimension.</summary>
    public async Task<IReadOnlyDictionary<(string Pool, string Dimension), List<(DateOnly Day, long Allocated)>>> HistoryAsync(DateOnly from, DateOnly today, CancellationToken cancellationToken = default)
    {
        var history = new Dictionary<(string, string), List<(DateOnly, long)>>();
        await using var command = dataSource.CreateCommand(HistorySql);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!history.TryGetValue(key, out var days))
            {
                history[key] = days = [];
            }

            days.Add((reader.GetFieldValue<DateOnly>(2), reader.GetInt64(3)));
        }

        return history;
    }

    /// <summary>The business day in Asia/Shanghai, the same calendar as billing months.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
