using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// Per-system O&amp;M adjustments finance sets; statements read them with the approved systems. A change moves every
/// open month's O&amp;M line, so each one is audited with what it replaced.
/// </summary>
public sealed class OmProfileStore(NpgsqlDataSource dataSource)
{
    private const string ReadSql = """
        select importance, service_hours, data_scale, transaction_scale
        from broker.om_profiles where department = @department and system_id = @system
        """;

    private const string UpsertSql = """
        insert into broker.om_profiles (department, system_id, importance, service_hours, data_scale, transaction_scale, updated_by, updated_at)
        values (@department, @system, @importance, @hours, @data, @transactions, @by, @at)
        on conflict (department, system_id) do update set importance = excluded.importance, service_hours = excluded.service_hours,
            data_scale = excluded.data_scale, transaction_scale = excluded.transaction_scale, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    // A profile belongs to a registered system of a department that exists; anything else is not a key to store.
    private const string KnownSql = """
        select exists (select 1 from broker.departments where code = @department and not deleted),
               exists (select 1 from broker.systems where department = @department and id = @system)
        """;

    /// <summary>The system's profile, or null when finance never set one (statements then use <see cref="OmProfile.Normal"/>).</summary>
    public async Task<OmProfile?> GetAsync(string department, string systemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, department, systemId, cancellationToken);
    }

    /// <summary>
    /// Null when the department and its system exist, else the refusal: <c>department.not-found</c> or
    /// <c>system.not-found</c>.
    /// </summary>
    public async Task<string?> UnknownAsync(string department, string systemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await UnknownAsync(connection, null, department, systemId, cancellationToken);
    }

    /// <summary>Sets the profile; the refusal (as <see cref="UnknownAsync(string, string, CancellationToken)"/>) and nothing stored when the system is unknown.</summary>
    public async Task<string?> SetAsync(string department, string systemId, OmProfile profile, string actor, DateTimeOffset at, string correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await UnknownAsync(connection, transaction, department, systemId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var before = await ReadAsync(connection, transaction, department, systemId, cancellationToken, forUpdate: true);
        if (before == profile)
        {
            // The same profile again changes nothing, and an unchanged profile leaves no audit row.
            return null;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var upsert = new NpgsqlBatchCommand(UpsertSql);
        upsert.Parameters.Add(new NpgsqlParameter<string>("department", department));
        upsert.Parameters.Add(new NpgsqlParameter<string>("system", systemId));
        upsert.Parameters.Add(new NpgsqlParameter<string>("importance", profile.Importance));
        upsert.Parameters.Add(new NpgsqlParameter<string>("hours", profile.ServiceHours));
        upsert.Parameters.Add(new NpgsqlParameter<string>("data", profile.DataScale));
        upsert.Parameters.Add(new NpgsqlParameter<string>("transactions", profile.TransactionScale));
        upsert.Parameters.Add(new NpgsqlParameter<string>("by", actor));
        upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        batch.BatchCommands.Add(upsert);
        AuditLog.AddInsert(batch, [new AuditEntry(at, actor, null, department, "om-profile", $"{department}/{systemId}", "om-profile.set",
            before is null ? null : BrokerJson.Serialize(before), BrokerJson.Serialize(profile), correlationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static async Task<string?> UnknownAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string department, string systemId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(KnownSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", systemId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return !reader.GetBoolean(0) ? "department.not-found" : !reader.GetBoolean(1) ? "system.not-found" : null;
    }

    private static async Task<OmProfile?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string department, string systemId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = new NpgsqlCommand(forUpdate ? ReadSql + " for update" : ReadSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", systemId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OmProfile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }
}
