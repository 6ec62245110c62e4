using Broker.Contracts.Resources;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Orders;

/// <summary>
/// An order's row in <c>broker.orders</c>: its whole state as JSON (<c>data</c>), the columns the listings and the
/// sweeper filter by, and a version, written in one statement and in one transaction with the change's audit row. One
/// write per change where there used to be two (grain state, then directory and audit), so nothing a crash could leave
/// half done. Writes of different orders that arrive together share one transaction (<see cref="GroupCommit{T}"/>);
/// a version conflict fails that transaction, and the writes are then retried one by one, so only the stale one fails.
/// </summary>
public sealed class OrderStore : IAsyncDisposable
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

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<Save> _commit;

    public OrderStore(NpgsqlDataSource dataSource, ILogger<OrderStore> logger)
    {
        _dataSource = dataSource;
        _commit = new GroupCommit<Save>("order", SaveManyAsync, logger);
    }

    /// <summary>
    /// The stored state and its version. Data is null when there is no row (version 0) or when the row was written by
    /// an earlier version that kept the state in Orleans storage (version 0 too: adopting it writes version 1).
    /// </summary>
    public async Task<(OrderData? Data, long Version)> LoadAsync(string department, string id, CancellationToken cancellationToken = default)
    {
        var (data, version, _) = await LoadRowAsync(department, id, cancellationToken);
        return (data, version);
    }

    /// <summary>As <see cref="LoadAsync"/>, and whether the order has a row at all (with or without data).</summary>
    public async Task<(OrderData? Data, long Version, bool Listed)> LoadRowAsync(string department, string id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, 0, false);
        }

        return (reader.IsDBNull(1) ? null : BrokerJson.Deserialize<OrderData>(reader.GetString(1)), reader.GetInt64(0), true);
    }

    private const string ResourceStatesSql = "select state from broker.resources where id = any(@ids)";

    /// <summary>
    /// The states of the order's resources that exist, for its progress. One query by primary key: the order asks
    /// (rather than each resource telling its order when it is built) because only someone looking at the order needs
    /// it, and it costs the provisioning path nothing, not even a grain call per resource.
    /// </summary>
    public async Task<IReadOnlyList<ResourceState>> ResourceStatesAsync(IReadOnlyList<string> resourceIds, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ResourceStatesSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", resourceIds.ToArray()));
        var states = new List<ResourceState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (WireText.TryParse<ResourceState>(reader.GetString(0), out var state))
            {
                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>
    /// Writes <paramref name="data"/> as <paramref name="version"/> with its audit row, all or nothing. Fails loudly when
    /// the stored version is not <c>version - 1</c> (another activation wrote in between, as Orleans' etag check did):
    /// the caller must reload, and no audit row is written.
    /// </summary>
    public Task SaveAsync(OrderData data, long version, AuditEntry? audit) => _commit.WriteAsync(new Save(data, version, audit));

    public ValueTask DisposeAsync() => _commit.DisposeAsync();

    private Task SaveManyAsync(IReadOnlyList<Save> saves) => FencedBatch.CommitAsync(
        _dataSource, saves, s => Upsert(s.Data, s.Version), saves.Where(s => s.Audit is not null).Select(s => s.Audit!).ToList(),
        stale => $"Order {string.Join(", ", stale.Select(s => $"{s.Data.Department}/{s.Data.Id} (expected version {s.Version - 1})"))} was written by someone else; reload.");

    /// <summary>
    /// The fenced upsert of <paramref name="data"/> as <paramref name="version"/>: it touches one row only if the stored
    /// version is <c>version - 1</c> (or, for version 1, there is no row yet). Also how an order's first row is committed
    /// with the department's reservation (<see cref="OrderPlacementWriter"/>).
    /// </summary>
    public static NpgsqlBatchCommand Upsert(OrderData data, long version)
    {
        var view = data.ToView();
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
        return save;
    }

    /// <summary>One order's write: the state, the version it becomes, and its audit row if the change has one.</summary>
    private sealed record Save(OrderData Data, long Version, AuditEntry? Audit);
}
