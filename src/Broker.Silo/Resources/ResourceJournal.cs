using Broker.Contracts.Resources;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace Broker.Silo.Resources;

/// <summary>
/// Appends a resource's events (one or several, e.g. approved and provisioning started) with their audit rows and the
/// directory row in one transaction. The primary key (resource_id, seq) makes a replayed append fail instead of
/// duplicating a metering event. Appends of different resources that arrive together share a transaction
/// (<see cref="GroupCommit{T}"/>): each resource grain awaits its append before it answers, so under load every
/// transition would otherwise pay a commit of its own. The same rows can instead ride in a department's transaction
/// (<see cref="ResourceAppend"/>, <see cref="ResourceAppendWriter"/>).
/// </summary>
public sealed class ResourceJournal : IAsyncDisposable
{
    private const string AppendSql = """
        insert into broker.resource_events
            (resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id)
        select resource_id, seq, at, type, payload::jsonb, department, system_id, plan_code, plan_version, sla_tier, state, vector::jsonb, actor, correlation_id
        from unnest(@id, @seq, @at, @type, @payload, @department, @system, @plan, @version, @tier, @state, @vector, @actor, @correlation)
            as u(resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id)
        """;

    private const string DirectorySql = """
        insert into broker.resources (id, department, system_id, order_id, kind, plan_code, plan_version, sla_tier, state, lease_end, lease_expiring, created_at, updated_at)
        select * from unnest(@id, @department, @system, @order, @kind, @plan, @version, @tier, @state, @lease_end, @lease_expiring, @created_at, @updated_at)
        on conflict (id) do update set plan_code = excluded.plan_code, plan_version = excluded.plan_version, state = excluded.state,
            lease_end = excluded.lease_end, lease_expiring = excluded.lease_expiring, updated_at = excluded.updated_at
        """;

    private const string ReadSql = "select seq, payload::text from broker.resource_events where resource_id = @id order by seq";

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<ResourceAppend> _commit;

    public ResourceJournal(NpgsqlDataSource dataSource, ILogger<ResourceJournal> logger)
    {
        _dataSource = dataSource;
        _commit = new GroupCommit<ResourceAppend>("resource journal", AppendManyAsync, logger);
    }

    /// <summary>Completes when the events, their audit rows and the directory row (the state <paramref name="after"/> them) are committed.</summary>
    public Task AppendAsync(ResourceData after, IReadOnlyList<(long Seq, ResourceEvent Event)> events, string actor, string correlationId, IReadOnlyList<AuditEntry> audits) =>
        AppendAsync(ResourceAppend.Of(after, events, actor, correlationId, audits));

    /// <summary>Completes when <paramref name="append"/> is committed.</summary>
    public Task AppendAsync(ResourceAppend append) => _commit.WriteAsync(append);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();

    /// <summary>
    /// Adds <paramref name="append"/>'s statements to <paramref name="batch"/>: one events statement, one audit
    /// statement, one directory statement, whatever the number of resources.
    /// </summary>
    public static void AddTo(NpgsqlBatch batch, ResourceAppend append)
    {
        batch.BatchCommands.Add(Events(append.Events));
        AuditLog.AddInsert(batch, append.Audits);
        batch.BatchCommands.Add(Directory(append.Directory));
    }

    /// <summary>The appends of many resources in one transaction.</summary>
    private async Task AppendManyAsync(IReadOnlyList<ResourceAppend> appends)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddTo(batch, ResourceAppend.Merge(appends));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<(long Seq, ResourceEvent Event)>> ReadAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
        var events = new List<(long, ResourceEvent)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add((reader.GetInt64(0), BrokerJson.Deserialize<ResourceEvent>(reader.GetString(1))));
        }

        return events;
    }

    private static NpgsqlBatchCommand Events(IReadOnlyList<ResourceEventRow> rows)
    {
        var command = new NpgsqlBatchCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", rows.Select(r => r.ResourceId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("seq", rows.Select(r => r.Seq).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", rows.Select(r => r.At).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("type", rows.Select(r => r.Type).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("payload", rows.Select(r => r.Payload).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("department", rows.Select(r => r.Department).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("system", rows.Select(r => r.System).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("plan", rows.Select(r => r.Plan).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("version", rows.Select(r => r.Version).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("tier", rows.Select(r => r.Tier).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("state", rows.Select(r => r.State).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("vector", rows.Select(r => r.Vector).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("actor", rows.Select(r => r.Actor).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("correlation", rows.Select(r => r.CorrelationId).ToArray()));
        return command;
    }

    private static NpgsqlBatchCommand Directory(IReadOnlyList<ResourceDirectoryRow> rows)
    {
        var command = new NpgsqlBatchCommand(DirectorySql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", rows.Select(r => r.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("department", rows.Select(r => r.Department).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("system", rows.Select(r => r.System).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("order", rows.Select(r => r.Order).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kind", rows.Select(r => r.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("plan", rows.Select(r => r.Plan).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("version", rows.Select(r => r.Version).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("tier", rows.Select(r => r.Tier).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("state", rows.Select(r => r.State).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("lease_end", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            // timestamptz parameters take offset zero only; a lease journalled with its client's offset is the same instant.
            Value = rows.Select(r => r.LeaseEnd is { } end ? (object)end.ToUniversalTime() : DBNull.Value).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter<bool[]>("lease_expiring", rows.Select(r => r.LeaseExpiring).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("created_at", rows.Select(r => r.CreatedAt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("updated_at", rows.Select(r => r.UpdatedAt).ToArray()));
        return command;
    }
}
