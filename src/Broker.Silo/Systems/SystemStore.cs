using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Systems;

/// <summary>
/// Reads and writes a system's row in <c>broker.systems</c>: the whole state as JSON plus the columns the directory
/// lists by, written in one statement and in one transaction with the change's audit rows. So the listing is never
/// wrong, not even after a crash between two writes, because there is only one write.
/// </summary>
public sealed class SystemStore(NpgsqlDataSource dataSource)
{
    private const string LoadSql = "select version, state::text from broker.systems where department = @department and id = @id";

    private const string SaveSql = """
        insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
        values (@department, @id, @name, @category, @om_tier, @status, @network_zone, @sharing_scope, @on_shared_cloud, @version, @state::jsonb, @created_at, @updated_at)
        on conflict (department, id) do update set
            name = excluded.name, category = excluded.category, om_tier = excluded.om_tier, status = excluded.status,
            network_zone = excluded.network_zone, sharing_scope = excluded.sharing_scope, on_shared_cloud = excluded.on_shared_cloud,
            version = excluded.version, state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at
        where systems.version = excluded.version - 1
        """;

    /// <summary>The stored state and its version; <see cref="SystemState.None"/> and 0 when the system was never written.</summary>
    public async Task<(SystemState State, long Version)> LoadAsync(string department, string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (BrokerJson.Deserialize<SystemState>(reader.GetString(1)), reader.GetInt64(0))
            : (SystemState.None, 0);
    }

    /// <summary>
    /// Writes <paramref name="state"/> as <paramref name="version"/> with its audit rows, all or nothing. Fails when the
    /// stored version is not <c>version - 1</c>: another activation wrote in between, and this one must reload.
    /// </summary>
    public async Task SaveAsync(string department, string id, SystemState state, long version, IReadOnlyCollection<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        var registration = state.Registration ?? throw new ArgumentException("Only a registered system is stored.", nameof(state));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var save = new NpgsqlBatchCommand(SaveSql);
        save.Parameters.Add(new NpgsqlParameter<string>("department", department));
        save.Parameters.Add(new NpgsqlParameter<string>("id", id));
        save.Parameters.Add(new NpgsqlParameter<string>("name", registration.Name));
        save.Parameters.Add(new NpgsqlParameter<string>("category", WireText.Of(registration.Category)));
        save.Parameters.Add(new NpgsqlParameter<short>("om_tier", (short)registration.OmTier));
        save.Parameters.Add(new NpgsqlParameter<string>("status", WireText.Of(state.Status)));
        save.Parameters.Add(new NpgsqlParameter<string>("network_zone", WireText.Of(registration.Declarations.NetworkZone)));
        save.Parameters.Add(new NpgsqlParameter<string>("sharing_scope", WireText.Of(registration.Declarations.SharingScope)));
        save.Parameters.Add(new NpgsqlParameter<bool>("on_shared_cloud", registration.Declarations.OnSharedCloud));
        save.Parameters.Add(new NpgsqlParameter<long>("version", version));
        save.Parameters.Add(new NpgsqlParameter<string>("state", BrokerJson.Serialize(state)));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", state.CreatedAt));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", state.UpdatedAt));
        batch.BatchCommands.Add(save);
        AuditLog.AddInsert(batch, audit);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (save.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new InvalidOperationException($"System {department}/{id} was written by someone else (expected version {version - 1}); reload.");
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
