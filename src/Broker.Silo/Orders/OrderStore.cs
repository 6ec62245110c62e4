using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Orders;

/// <summary>
/// An order's row in <c>broker.orders</c>: its whole state as JSON (<c>data</c>), the columns the listings and the
/// sweeper filter by, and a version, written in one statement and in one transaction with the change's audit row. One
/// write per change where there used to be two (grain state, then directory and audit), so nothing a crash could leave
/// half done.
/// </summary>
public sealed class OrderStore(NpgsqlDataSource dataSource)
{
    private const string LoadSql = "select version, data::text from broker.orders where department = @department and id = @id";

    private const string SaveSql = """
        insert into broker.orders (id, department, system_id, plan_code, sla_tier, quantity, state, waiting_for, escalated, ordered_by, created_at, updated_at, data, version, settled)
        values (@id, @department, @system, @plan, @tier, @quantity, @state, @waiting, @escalated, @by, @created, @updated, @data::jsonb, @version, @settled)
        on conflict (department, id) do update set state = excluded.state, waiting_for = excluded.waiting_for,
            escalated = excluded.escalated, updated_at = excluded.updated_at, data = excluded.data,
            version = excluded.version, settled = excluded.settled
        where orders.version = excluded.version - 1
        """;

    /// <summary>
    /// The stored state and its version. Data is null when there is no row (version 0) or when the row was written by
    /// an earlier version that kept the state in Orleans storage (version 0 too: adopting it writes version 1).
    /// </summary>
    public async Task<(OrderData? Data, long Version)> LoadAsync(string department, string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, 0);
        }

        return (reader.IsDBNull(1) ? null : BrokerJson.Deserialize<OrderData>(reader.GetString(1)), reader.GetInt64(0));
    }

    /// <summary>
    /// Writes <paramref name="data"/> as <paramref name="version"/> with its audit row, all or nothing. Fails loudly when
    /// the stored version is not <c>version - 1</c> (another activation wrote in between, as Orleans' etag check did):
    /// the caller must reload, and no audit row is written.
    /// </summary>
    public async Task SaveAsync(OrderData data, long version, AuditEntry? audit, CancellationToken cancellationToken = default)
    {
        var view = data.ToView();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // A write without an audit row is one statement, atomic on its own; only the pair needs a transaction.
        await using var transaction = audit is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var save = new NpgsqlBatchCommand(SaveSql);
        save.Parameters.Add(new NpgsqlParameter<string>("id", data.Id));
        save.Parameters.Add(new NpgsqlParameter<string>("department", data.Department));
        save.Parameters.Add(new NpgsqlParameter<string>("system", view.Request.SystemId));
        save.Parameters.Add(new NpgsqlParameter<string>("plan", view.Request.PlanCode));
        save.Parameters.Add(new NpgsqlParameter<string>("tier", view.Request.SlaTier));
        save.Parameters.Add(new NpgsqlParameter<int>("quantity", view.Request.Quantity));
        save.Parameters.Add(new NpgsqlParameter<string>("state", WireText.Of(view.State)));
        save.Parameters.Add(new NpgsqlParameter("waiting", NpgsqlDbType.Text) { Value = (object?)view.WaitingFor ?? DBNull.Value });
        save.Parameters.Add(new NpgsqlParameter<bool>("escalated", view.Escalated));
        save.Parameters.Add(new NpgsqlParameter<string>("by", view.OrderedBy));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", view.CreatedAt));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", view.UpdatedAt));
        save.Parameters.Add(new NpgsqlParameter<string>("data", BrokerJson.Serialize(data)));
        save.Parameters.Add(new NpgsqlParameter<long>("version", version));
        save.Parameters.Add(new NpgsqlParameter<bool>("settled", data.Settled));
        batch.BatchCommands.Add(save);
        if (audit is not null)
        {
            AuditLog.AddInsert(batch, [audit]);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (save.RecordsAffected != 1)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            throw new InvalidOperationException($"Order {data.Department}/{data.Id} was written by someone else (expected version {version - 1}); reload.");
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
