using Broker.Contracts.Orders;
using Broker.Silo.Audit;
using Npgsql;
using NpgsqlTypes;
using Broker.Silo.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// <c>broker.orders</c>: the listing and approval queues. Written with the order's audit row in one transaction after
/// the grain state; the grain rewrites it whenever it is activated, so a crash in between heals itself.
/// </summary>
public sealed class OrderDirectory(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        insert into broker.orders (id, department, system_id, plan_code, sla_tier, quantity, state, waiting_for, escalated, ordered_by, created_at, updated_at)
        values (@id, @department, @system, @plan, @tier, @quantity, @state, @waiting, @escalated, @by, @created, @updated)
        on conflict (department, id) do update set state = excluded.state, waiting_for = excluded.waiting_for,
            escalated = excluded.escalated, updated_at = excluded.updated_at
        """;

    private const string ListSql = """
        select id, department from broker.orders
        where (@department::text is null or department = @department)
          and (@state::text is null or state = @state)
          and (@waiting::text is null or waiting_for = @waiting)
          and (@after::text is null or id > @after)
        order by id limit @limit
        """;

    public async Task WriteAsync(OrderView order, AuditEntry? audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var command = new NpgsqlBatchCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", order.Id));
        command.Parameters.Add(new NpgsqlParameter<string>("department", order.Department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", order.Request.SystemId));
        command.Parameters.Add(new NpgsqlParameter<string>("plan", order.Request.PlanCode));
        command.Parameters.Add(new NpgsqlParameter<string>("tier", order.Request.SlaTier));
        command.Parameters.Add(new NpgsqlParameter<int>("quantity", order.Request.Quantity));
        command.Parameters.Add(new NpgsqlParameter<string>("state", WireText.Of(order.State)));
        command.Parameters.Add(new NpgsqlParameter("waiting", NpgsqlDbType.Text) { Value = (object?)order.WaitingFor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<bool>("escalated", order.Escalated));
        command.Parameters.Add(new NpgsqlParameter<string>("by", order.OrderedBy));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", order.CreatedAt));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", order.UpdatedAt));
        batch.BatchCommands.Add(command);
        if (audit is not null)
        {
            AuditLog.AddInsert(batch, [audit]);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>(department, id) pairs in id order after <paramref name="after"/>; the caller reads each order from its grain.</summary>
    public async Task<IReadOnlyList<(string Id, string Department)>> ListAsync(string? department, OrderState? state, string? waitingFor, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = state is null ? DBNull.Value : WireText.Of(state.Value) });
        command.Parameters.Add(new NpgsqlParameter("waiting", NpgsqlDbType.Text) { Value = (object?)waitingFor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

}
