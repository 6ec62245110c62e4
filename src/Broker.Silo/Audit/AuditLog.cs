using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Audit;

/// <summary>
/// Writes and reads <c>broker.audit_log</c>. Writes happen inside the caller's transaction, so a change and its audit
/// row are durable together or not at all. The table rejects UPDATE and DELETE by trigger, and every row is chained by
/// hash to the one before it in its chain (<see cref="AuditChainWalk"/>, <see cref="VerifyAsync"/>).
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    // A trigger links each row into its department's hash chain, locking that chain's head until commit. Rows go in
    // ordered by chain (then as given), so two writers that both touch several chains lock them in the same order.
    private const string InsertSql = """
        insert into broker.audit_log (at, actor, actor_name, department, object_type, object_id, action, before, after, correlation_id)
        select at, actor, actor_name, department, object_type, object_id, action, before::jsonb, after::jsonb, correlation_id
        from unnest(@at, @actor, @actor_name, @department, @object_type, @object_id, @action, @before, @after, @correlation_id) with ordinality
            as u(at, actor, actor_name, department, object_type, object_id, action, before, after, correlation_id, n)
        order by coalesce(department, '(platform)'), n
        """;

    /// <summary>Adds a command inserting <paramref name="entries"/> to <paramref name="batch"/>; one statement for any count.</summary>
    public static void AddInsert(NpgsqlBatch batch, IReadOnlyCollection<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", entries.Select(e => e.At).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("actor", entries.Select(e => e.Actor).ToArray()));
        command.Parameters.Add(Texts("actor_name", entries.Select(e => e.ActorName)));
        command.Parameters.Add(Texts("department", entries.Select(e => e.Department)));
        command.Parameters.Add(new NpgsqlParameter<string[]>("object_type", entries.Select(e => e.ObjectType).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("object_id", entries.Select(e => e.ObjectId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("action", entries.Select(e => e.Action).ToArray()));
        command.Parameters.Add(Texts("before", entries.Select(e => e.Before)));
        command.Parameters.Add(Texts("after", entries.Select(e => e.After)));
        command.Parameters.Add(new NpgsqlParameter<string[]>("correlation_id", entries.Select(e => e.CorrelationId).ToArray()));
        batch.BatchCommands.Add(command);
    }

    /// <summary>Writes entries on their own, for changes that have no other table to share a transaction with.</summary>
    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        AddInsert(batch, entries);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("""
            select id, at, actor, actor_name, department, object_type, object_id, action, before::text, after::text, correlation_id
            from broker.audit_log where true
            """);
        await using var command = dataSource.CreateCommand();
        void Filter(string clause, string name, object? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                return;
            }

            sql.Append(" and ").Append(clause);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        Filter("department = @department", "department", query.Department, NpgsqlDbType.Text);
        Filter("actor = @actor", "actor", query.Actor, NpgsqlDbType.Text);
        Filter("object_type = @object_type", "object_type", query.ObjectType, NpgsqlDbType.Text);
        Filter("object_id = @object_id", "object_id", query.ObjectId, NpgsqlDbType.Text);
        Filter("at >= @from", "from", query.From, NpgsqlDbType.TimestampTz);
        Filter("at < @to", "to", query.To, NpgsqlDbType.TimestampTz);
        Filter("id < @before_id", "before_id", query.BeforeId, NpgsqlDbType.Bigint);
        sql.Append(" order by id desc limit @limit");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        command.CommandText = sql.ToString();

        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                Json(reader, 8),
                Json(reader, 9),
                reader.GetString(10)));
        }

        return records;
    }

    private const string LinksSql = """
        select a.id, a.chain, a.chain_seq, a.prev_hash, a.hash, broker.audit_log_hash(a)
        from broker.audit_log a order by a.chain, a.chain_seq
        """;

    private const string HeadsSql = "select chain, seq, head from broker.audit_chains";

    /// <summary>Recomputes every row's hash and walks every chain: the first broken link, or that all rows verify.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the rows and the heads, so writes committing meanwhile cannot look like a removed tail.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(HeadsSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                heads[reader.GetString(0)] = new AuditChainHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
            }
        }

        var walk = new AuditChainWalk();
        await using (var command = new NpgsqlCommand(LinksSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                walk.Add(new AuditChainLink(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        return walk.Finish(heads);
    }

    private static JsonElement? Json(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonDocument.Parse(reader.GetString(ordinal)).RootElement.Clone();

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
