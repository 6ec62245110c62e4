using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>Reads a resource's ledger intervals, oldest first, keyset-paged by the event that opened them.</summary>
public sealed class LedgerIntervals(NpgsqlDataSource dataSource)
{
    private const string PageSql = """
        select resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version, sla_tier, running,
               vcpu, memory_gib, storage_gib, instances, started_at, ended_at, written_at
        from broker.usage_intervals
        where resource_id = @resource and opened_seq > @after
        order by opened_seq
        limit @limit
        """;

    private const string KnownSql = """
        select exists (select 1 from broker.usage_intervals where resource_id = @resource)
            or exists (select 1 from broker.resources where id = @resource)
        """;

    public async Task<IReadOnlyList<LedgerInterval>> PageAsync(string resourceId, long after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PageSql);
        command.Parameters.Add(new NpgsqlParameter<string>("resource", resourceId));
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<LedgerInterval>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LedgerInterval(
                reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetString(8), reader.GetBoolean(9),
                reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13),
                reader.GetFieldValue<DateTimeOffset>(14), reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15), reader.GetFieldValue<DateTimeOffset>(16)));
        }

        return rows;
    }

    /// <summary>Whether the ledger or the resource directory knows the id (an empty ledger of a known resource is not a 404).</summary>
    public async Task<bool> KnowsAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(KnownSql);
        command.Parameters.Add(new NpgsqlParameter<string>("resource", resourceId));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
