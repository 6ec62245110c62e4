using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Tests.Metering;

/// <summary>
/// Writes resource journal rows (the metering outbox) and the rows statements join with, the way the grains write
/// them, so ledger tests can script any history, including defects the grains would never produce.
/// </summary>
public sealed class Journal(NpgsqlDataSource dataSource)
{
    public static DateTimeOffset Shanghai(int month, int day, int hour = 0, int minute = 0, int year = 2026) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static ResourceSpec Vm(int vcpu, int memory, int storage, string tier = "bronze", string plan = "vm-small") =>
        new(ResourceKind.Vm, plan, 1, tier, new QuotaVector(new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = memory, ["storage_gib"] = storage, ["vms"] = 1 }),
            vcpu, memory, storage, "debian-12", null, null, 1, 0, 0);

    public static ResourceSpec Database(string plan, string tier = "silver") =>
        new(ResourceKind.Database, plan, 1, tier, new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 2, ["memory_gib"] = 8, ["storage_gib"] = 100, ["databases"] = 1 }),
            2, 8, 100, null, "app", "16", 1, 7, 100);

    public static ResourceCreated Created(DateTimeOffset at, string department, string system, ResourceSpec spec) =>
        new(at, new ResourceCreation(department, system, "order-1", "extranet", spec, null, true), "simulated");

    /// <summary>Appends events with consecutive sequence numbers from <paramref name="firstSeq"/> and upserts the directory row.</summary>
    public async Task AppendAsync(string resourceId, string department, string system, long firstSeq, params ResourceEvent[] events)
    {
        await using var batch = dataSource.CreateBatch();
        var seq = firstSeq;
        foreach (var e in events)
        {
            var command = new NpgsqlBatchCommand("""
                insert into broker.resource_events (resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id)
                values (@id, @seq, @at, @type, @payload::jsonb, @department, @system, 'vm-small', 1, 'bronze', 'ready', '{}', 'test', 'test')
                """);
            command.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
            command.Parameters.Add(new NpgsqlParameter<long>("seq", seq++));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.At.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<string>("type", e.Type));
            command.Parameters.Add(new NpgsqlParameter<string>("payload", BrokerJson.Serialize<ResourceEvent>(e)));
            command.Parameters.Add(new NpgsqlParameter<string>("department", department));
            command.Parameters.Add(new NpgsqlParameter<string>("system", system));
            batch.BatchCommands.Add(command);
        }

        var state = events[^1] switch
        {
            ResourceDeleted => "deleted",
            DeletionStarted => "deleting",
            ResourceBecameStopped => "stopped",
            UpdateStarted => "updating",
            _ => "ready",
        };
        var directory = new NpgsqlBatchCommand("""
            insert into broker.resources (id, department, system_id, order_id, kind, plan_code, plan_version, sla_tier, state, created_at, updated_at)
            values (@id, @department, @system, 'order-1', 'vm', 'vm-small', 1, 'bronze', @state, @at, @at)
            on conflict (id) do update set state = excluded.state, updated_at = excluded.updated_at
            """);
        directory.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
        directory.Parameters.Add(new NpgsqlParameter<string>("department", department));
        directory.Parameters.Add(new NpgsqlParameter<string>("system", system));
        directory.Parameters.Add(new NpgsqlParameter<string>("state", state));
        directory.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", events[^1].At.ToUniversalTime()));
        batch.BatchCommands.Add(directory);
        await batch.ExecuteNonQueryAsync();
    }

    public async Task DepartmentAsync(string code)
    {
        await using var command = dataSource.CreateCommand("""
            insert into broker.departments (code, name_zh, name_en, status, created_at, updated_at) values (@code, '测试局', 'Test', 'active', now(), now())
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An approved system with its O&amp;M tier and build investment, approved at <paramref name="approvedAt"/>.</summary>
    public async Task SystemAsync(string department, string id, int tier = 2, decimal investment = 1_000_000m, DateTimeOffset? approvedAt = null)
    {
        var state = $$"""{"registration":{"buildInvestmentCny":{{investment.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"reviewedAt":"{{(approvedAt ?? Shanghai(1, 1)).ToString("O")}}"}""";
        await using var command = dataSource.CreateCommand("""
            insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
            values (@department, @id, 'test', 'business-application', @tier, 'approved', 'extranet', 'department', true, 1, @state::jsonb, now(), now())
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        command.Parameters.Add(new NpgsqlParameter<short>("tier", (short)tier));
        command.Parameters.Add(new NpgsqlParameter<string>("state", state));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<(long OpenedSeq, long? ClosedSeq, bool Running, int Vcpu, DateTimeOffset Start, DateTimeOffset? End)>> IntervalsAsync(string resourceId)
    {
        await using var command = dataSource.CreateCommand("select opened_seq, closed_seq, running, vcpu, started_at, ended_at from broker.usage_intervals where resource_id = @id order by opened_seq");
        command.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, long?, bool, int, DateTimeOffset, DateTimeOffset?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetBoolean(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    public async Task<long?> CursorAsync(string resourceId)
    {
        await using var command = dataSource.CreateCommand("select last_seq from broker.ledger_cursor where resource_id = @id");
        command.Parameters.Add(new NpgsqlParameter<string>("id", resourceId));
        return await command.ExecuteScalarAsync() is long seq ? seq : null;
    }
}
