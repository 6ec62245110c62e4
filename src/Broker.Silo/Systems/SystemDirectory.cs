using Broker.Contracts.Systems;
using Npgsql;
using NpgsqlTypes;
using Broker.Silo.Storage;

namespace Broker.Silo.Systems;

/// <summary>
/// Lists systems from <c>broker.systems</c> in (department, id) order, keyset-paged; grains cannot be enumerated and a
/// listing must not activate every one.
/// </summary>
public sealed class SystemDirectory(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, created_at, updated_at
        from broker.systems
        where (@department::text is null or department = @department)
          and (@status::text is null or status = @status)
          and (@category::text is null or category = @category)
          and (@after_department::text is null or (department, id) > (@after_department, @after_id))
        order by department, id
        limit @limit
        """;

    /// <summary>
    /// Systems after the cursor (<paramref name="afterDepartment"/>, <paramref name="afterId"/>), optionally of one
    /// department, status and category.
    /// </summary>
    public async Task<IReadOnlyList<SystemSummary>> ListAsync(
        string? department, SystemReviewStatus? status, SystemCategory? category, string? afterDepartment, string? afterId, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(Text("department", department));
        command.Parameters.Add(Text("status", status is { } s ? WireText.Of(s) : null));
        command.Parameters.Add(Text("category", category is { } c ? WireText.Of(c) : null));
        command.Parameters.Add(Text("after_department", afterDepartment));
        command.Parameters.Add(Text("after_id", afterId ?? ""));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var list = new List<SystemSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SystemSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Parse<SystemCategory>(reader.GetString(3)),
                reader.GetInt16(4),
                Parse<SystemReviewStatus>(reader.GetString(5)),
                Parse<NetworkZone>(reader.GetString(6)),
                Parse<DataSharingScope>(reader.GetString(7)),
                reader.GetBoolean(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return list;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static T Parse<T>(string text) where T : struct, Enum =>
        WireText.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"broker.systems holds an unknown {typeof(T).Name} '{text}'.");
}
