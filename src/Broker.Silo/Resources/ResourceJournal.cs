using Broker.Contracts.Resources;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Resources;

/// <summary>
/// Appends a resource's events (one or several, e.g. approved and provisioning started) with their audit rows and the directory row in one transaction. The primary key
/// (resource_id, seq) makes a replayed append fail instead of duplicating a metering event.
/// </summary>
public sealed class ResourceJournal(NpgsqlDataSource dataSource)
{
    private const string AppendSql = """
        insert into broker.resource_events
            (resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id)
        values (@id, @seq, @at, @type, @payload::jsonb, @department, @system, @plan, @version, @tier, @state, @vector::jsonb, @actor, @correlation)
        """;

    private const string DirectorySql = """
        insert into broker.resources (id, department, system_id, order_id, kind, plan_code, plan_version, sla_tier, state, lease_end, lease_expiring, created_at, updated_at)
        values (@id, @department, @system, @order, @kind, @plan, @version, @tier, @state, @lease_end, @lease_expiring, @created_at, @updated_at)
        on conflict (id) do update set plan_code = excluded.plan_code, plan_version = excluded.plan_version, state = excluded.state,
            lease_end = excluded.lease_end, lease_expiring = excluded.lease_expiring, updated_at = excluded.updated_at
        """;

    private const string ReadSql = "select seq, payload::text from broker.resource_events where resource_id = @id order by seq";

    public async Task AppendAsync(ResourceData after, IReadOnlyList<(long Seq, ResourceEvent Event)> events, string actor, string correlationId, IReadOnlyList<AuditEntry> audits, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var creation = after.Creation!;
        foreach (var (seq, e) in events)
        {
            var command = new NpgsqlBatchCommand(AppendSql);
            command.Parameters.Add(new NpgsqlParameter<string>("id", after.Id));
            command.Parameters.Add(new NpgsqlParameter<long>("seq", seq));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.At));
            command.Parameters.Add(new NpgsqlParameter<string>("type", e.Type));
            command.Parameters.Add(new NpgsqlParameter<string>("payload", BrokerJson.Serialize(e)));
            command.Parameters.Add(new NpgsqlParameter<string>("department", creation.Department));
            command.Parameters.Add(new NpgsqlParameter<string>("system", creation.System));
            command.Parameters.Add(new NpgsqlParameter<string>("plan", after.Spec!.PlanCode));
            command.Parameters.Add(new NpgsqlParameter<int>("version", after.Spec.PlanVersion));
            command.Parameters.Add(new NpgsqlParameter<string>("tier", after.Spec.SlaTier));
            command.Parameters.Add(new NpgsqlParameter<string>("state", WireText.Of(after.State)));
            command.Parameters.Add(new NpgsqlParameter<string>("vector", BrokerJson.Serialize(after.Spec.Vector)));
            command.Parameters.Add(new NpgsqlParameter<string>("actor", actor));
            command.Parameters.Add(new NpgsqlParameter<string>("correlation", correlationId));
            batch.BatchCommands.Add(command);
        }

        AuditLog.AddInsert(batch, audits);
        batch.BatchCommands.Add(Directory(after));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(long Seq, ResourceEvent Event)>> ReadAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
        var events = new List<(long, ResourceEvent)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add((reader.GetInt64(0), BrokerJson.Deserialize<ResourceEvent>(reader.GetString(1))));
        }

        return events;
    }


    private static NpgsqlBatchCommand Directory(ResourceData r)
    {
        var command = new NpgsqlBatchCommand(DirectorySql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", r.Id));
        command.Parameters.Add(new NpgsqlParameter<string>("department", r.Creation!.Department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", r.Creation.System));
        command.Parameters.Add(new NpgsqlParameter<string>("order", r.Creation.OrderId));
        command.Parameters.Add(new NpgsqlParameter<string>("kind", r.Spec!.Kind == ResourceKind.Vm ? "vm" : "database"));
        command.Parameters.Add(new NpgsqlParameter<string>("plan", r.Spec.PlanCode));
        command.Parameters.Add(new NpgsqlParameter<int>("version", r.Spec.PlanVersion));
        command.Parameters.Add(new NpgsqlParameter<string>("tier", r.Spec.SlaTier));
        command.Parameters.Add(new NpgsqlParameter<string>("state", WireText.Of(r.State)));
        command.Parameters.Add(new NpgsqlParameter("lease_end", NpgsqlDbType.TimestampTz) { Value = r.LeaseEnd is { } end ? end : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<bool>("lease_expiring", r.LeaseWarned));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", r.CreatedAt));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", r.UpdatedAt));
        return command;
    }
}
