using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>Per-system O&amp;M adjustments finance sets; statements read them with the approved systems.</summary>
public sealed class OmProfileStore(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        insert into broker.om_profiles (department, system_id, importance, service_hours, data_scale, transaction_scale, updated_by, updated_at)
        values (@department, @system, @importance, @hours, @data, @transactions, @by, @at)
        on conflict (department, system_id) do update set importance = excluded.importance, service_hours = excluded.service_hours,
            data_scale = excluded.data_scale, transaction_scale = excluded.transaction_scale, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    public async Task SetAsync(string department, string systemId, OmProfile profile, string actor, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("system", systemId));
        command.Parameters.Add(new NpgsqlParameter<string>("importance", profile.Importance));
        command.Parameters.Add(new NpgsqlParameter<string>("hours", profile.ServiceHours));
        command.Parameters.Add(new NpgsqlParameter<string>("data", profile.DataScale));
        command.Parameters.Add(new NpgsqlParameter<string>("transactions", profile.TransactionScale));
        command.Parameters.Add(new NpgsqlParameter<string>("by", actor));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
