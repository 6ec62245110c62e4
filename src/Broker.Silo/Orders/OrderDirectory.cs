using Broker.Contracts.Orders;
using Npgsql;
using NpgsqlTypes;
using Broker.Silo.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// <c>broker.orders</c> read as a directory: the listing and approval queues, and the orders the sweeper must wake.
/// The rows are written by <see cref="OrderStore"/>, state and listing columns in one statement.
/// </summary>
public sealed class OrderDirectory(NpgsqlDataSource dataSource)
{
    private const string UnsettledSql = """
        select department, id, updated_at from broker.orders
        where not settled and updated_at < @before and (not @decided_only or state <> 'pending-approval')
          and (@after_at::timestamptz is null or (updated_at, department, id) > (@after_at, @after_department, @after_id))
        order by updated_at, department, id limit @limit
        """;

    private const string ListSql = """
        select id, department from broker.orders
        where (@department::text is null or department = @department)
          and (@state::text is null or state = @state)
          and (@waiting::text is null or waiting_for = @waiting)
          and (@after::text is null or id > @after)
        order by id limit @limit
        """;

    /// <summary>
    /// Orders not yet settled (resources or envelope behind the state, pending approval, waiting for capacity, or
    /// written by an earlier version) last written before <paramref name="before"/>, oldest first, after the keyset
    /// <paramref name="after"/>. Uses the partial index <c>orders_unsettled_idx</c>. <paramref name="decidedOnly"/> leaves
    /// out orders pending approval, which have nothing to hand off until someone decides.
    /// </summary>
    public async Task<IReadOnlyList<UnsettledOrder>> UnsettledAsync(DateTimeOffset before, UnsettledOrder? after, int limit, bool decidedOnly = false, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UnsettledSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", before.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<bool>("decided_only", decidedOnly));
        command.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = after is null ? DBNull.Value : after.UpdatedAt });
        command.Parameters.Add(new NpgsqlParameter("after_department", NpgsqlDbType.Text) { Value = (object?)after?.Department ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Text) { Value = (object?)after?.Id ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<UnsettledOrder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UnsettledOrder(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
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
