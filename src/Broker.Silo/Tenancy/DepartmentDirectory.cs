using Broker.Contracts.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Tenancy;

/// <summary>
/// Lists departments from <c>broker.departments</c>, the projection department grains write in the same transaction
/// as their journal; grains cannot be enumerated, and listing must not activate every one.
/// </summary>
public sealed class DepartmentDirectory(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select code, name_zh, name_en, parent_code, budget_code, status, created_at, updated_at
        from broker.departments
        where not deleted
          and (@status::text is null or status = @status)
          and (@parent::text is null or parent_code = @parent)
          and (@after::text is null or code > @after)
        order by code
        limit @limit
        """;

    private const string CodesSql = "select code from broker.departments where not deleted order by code";

    /// <summary>The codes of every department that exists, for passes that visit each one.</summary>
    public async Task<IReadOnlyList<string>> CodesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CodesSql);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>Departments in code order after <paramref name="after"/> (keyset paging).</summary>
    public async Task<IReadOnlyList<DepartmentSummary>> ListAsync(DepartmentStatus? status, string? parent, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = status is null ? DBNull.Value : StatusText(status.Value) });
        command.Parameters.Add(new NpgsqlParameter("parent", NpgsqlDbType.Text) { Value = (object?)parent ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var list = new List<DepartmentSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DepartmentSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5) == "active" ? DepartmentStatus.Active : DepartmentStatus.Suspended,
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return list;
    }

    public static string StatusText(DepartmentStatus status) => status == DepartmentStatus.Active ? "active" : "suspended";
}
