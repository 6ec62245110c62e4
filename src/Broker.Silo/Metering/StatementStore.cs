using System.Security.Cryptography;
using System.Text;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>Closed months and their frozen statements: the JSON snapshot exactly as served, and its SHA-256.</summary>
public sealed class StatementStore(NpgsqlDataSource dataSource)
{
    private const string ClosesSql = "select period, closed_at, closed_by, watermark from broker.month_closes";

    private const string SnapshotsSql = """
        select content, content_hash from broker.statement_snapshots
        where period = @period and (@department::text is null or department = @department) order by department
        """;

    private const string AdjustmentsSql = """
        select period, content from broker.statement_snapshots
        where department = @department and period > @from and period < @to
        """;

    private const string LateSql = """
        select department from broker.usage_intervals
        where written_at > @watermark and started_at < @end and (ended_at is null or ended_at > @start)
          and (@department::text is null or department = @department)
        union
        select department from broker.imported_usage
        where imported_at > @watermark and period = @day and (@department::text is null or department = @department)
        """;

    private const string InputsSql = """
        select version,
               case when @all then (select md5(coalesce(string_agg(code, ',' order by code), '')) from broker.departments where not deleted) end
        from broker.statement_inputs
        """;

    /// <summary>What open statements depend on (<see cref="StatementInputs"/>); the department codes only for all departments.</summary>
    public async Task<StatementInputs> InputsAsync(bool allDepartments, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(InputsSql);
        command.Parameters.Add(new NpgsqlParameter<bool>("all", allDepartments));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StatementInputs(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public async Task<IReadOnlyDictionary<string, MonthClose>> ClosesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ClosesSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var closes = new Dictionary<string, MonthClose>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var close = new MonthClose(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
            closes[close.Period] = close;
        }

        return closes;
    }

    public async Task<IReadOnlyList<Statement>> SnapshotsAsync(string period, string? department, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SnapshotsSql);
        command.Parameters.Add(new NpgsqlParameter<string>("period", period));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statements = new List<Statement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(BrokerJson.Deserialize<Statement>(reader.GetString(0)) with { ContentHash = reader.GetString(1) });
        }

        return statements;
    }

    /// <summary>Frozen statements of one department for the months strictly between two months.</summary>
    public async Task<IReadOnlyList<Statement>> SnapshotsBetweenAsync(string department, BillingMonth after, BillingMonth before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(AdjustmentsSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("from", after.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("to", before.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statements = new List<Statement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(BrokerJson.Deserialize<Statement>(reader.GetString(1)));
        }

        return statements;
    }

    /// <summary>Departments with ledger rows or imports for a closed month written after it was closed.</summary>
    public async Task<IReadOnlyList<string>> LateDepartmentsAsync(BillingMonth month, DateTimeOffset watermark, string? department, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LateSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("watermark", watermark));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", month.Start));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", month.End));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", month.FirstDay));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var departments = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            departments.Add(reader.GetString(0));
        }

        departments.Sort(StringComparer.Ordinal);
        return departments;
    }

    /// <summary>
    /// Closes a month: under the ledger writer lock (so nothing is written between the watermark and the snapshots),
    /// computes every statement with <paramref name="compute"/>, freezes each with its hash, all in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<Statement>> CloseAsync(
        BillingMonth month, string actor, string correlationId, DateTimeOffset at,
        Func<CancellationToken, Task<IReadOnlyList<Statement>>> compute, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var watermark = await LedgerLock.TakeAsync(connection, transaction, cancellationToken);
        var statements = await compute(cancellationToken);

        await using var batch = new NpgsqlBatch(connection, transaction);
        var close = new NpgsqlBatchCommand("insert into broker.month_closes (period, closed_at, closed_by, watermark) values (@period, @at, @by, @watermark)");
        close.Parameters.Add(new NpgsqlParameter<string>("period", month.ToString()));
        close.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        close.Parameters.Add(new NpgsqlParameter<string>("by", actor));
        close.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("watermark", watermark));
        batch.BatchCommands.Add(close);
        var frozen = new List<Statement>(statements.Count);
        foreach (var statement in statements)
        {
            var content = BrokerJson.Serialize(statement with { State = "closed", ContentHash = null, ClosedAt = at, ClosedBy = actor, AsOf = null });
            var hash = Hash(content);
            var snapshot = new NpgsqlBatchCommand("insert into broker.statement_snapshots (period, department, content, content_hash) values (@period, @department, @content, @hash)");
            snapshot.Parameters.Add(new NpgsqlParameter<string>("period", month.ToString()));
            snapshot.Parameters.Add(new NpgsqlParameter<string>("department", statement.Department));
            snapshot.Parameters.Add(new NpgsqlParameter<string>("content", content));
            snapshot.Parameters.Add(new NpgsqlParameter<string>("hash", hash));
            batch.BatchCommands.Add(snapshot);
            frozen.Add(BrokerJson.Deserialize<Statement>(content) with { ContentHash = hash });
        }

        AuditLog.AddInsert(batch, [new AuditEntry(at, actor, null, null, "statement-month", month.ToString(), "statements.closed", null,
            BrokerJson.Serialize(new { period = month.ToString(), departments = statements.Count, total = statements.Sum(s => s.Total) }), correlationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return frozen;
    }

    /// <summary>The hash a snapshot's content must have; lets anyone re-check a frozen statement.</summary>
    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
