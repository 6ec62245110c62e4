using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Resources;

/// <summary>Lists a department's resources from <c>broker.resources</c> (written with every journal append).</summary>
public sealed class ResourceDirectory(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select id from broker.resources
        where department = @department
          and (@state::text is null or state = @state)
          and (@system::text is null or system_id = @system)
          and (@kind::text is null or kind = @kind)
          and (@after::text is null or id > @after)
        order by id limit @limit
        """;

    private const string UnfinishedSql = "select id from broker.resources where state in ('approved', 'provisioning', 'updating', 'deleting')";

    public async Task<IReadOnlyList<string>> ListAsync(string department, string? state, string? system, string? kind, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("system", NpgsqlDbType.Text) { Value = (object?)system ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadIds(command, cancellationToken);
    }

    /// <summary>Resources whose work a crash may have interrupted; woken at start so they converge without waiting for a reminder.</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UnfinishedSql);
        return await ReadIds(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadIds(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
