using Broker.Contracts.Tenancy;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Tenancy;

/// <summary>
/// The department journal in <c>broker.department_journal</c>: append-only, keyed by (department, seq). The primary
/// key is also the fence against a second activation of the same grain: its appends collide and fail.
/// </summary>
public sealed class DepartmentJournal(NpgsqlDataSource dataSource)
{
    private const string AppendManySql = """
        insert into broker.department_journal (department, seq, at, type, payload, actor, correlation_id)
        select department, seq, at, type, payload::jsonb, actor, correlation_id
        from unnest(@department, @seq, @at, @type, @payload, @actor, @correlation_id) as u(department, seq, at, type, payload, actor, correlation_id)
        """;

    private const string UpsertDirectorySql = """
        insert into broker.departments (code, name_zh, name_en, parent_code, budget_code, status, contacts, created_at, updated_at, deleted)
        values (@code, @name_zh, @name_en, @parent_code, @budget_code, @status, @contacts::jsonb, @created_at, @updated_at, @deleted)
        on conflict (code) do update set
            name_zh = coalesce(excluded.name_zh, departments.name_zh), name_en = coalesce(excluded.name_en, departments.name_en),
            parent_code = excluded.parent_code, budget_code = excluded.budget_code, status = excluded.status,
            contacts = excluded.contacts, created_at = excluded.created_at, updated_at = excluded.updated_at, deleted = excluded.deleted
        """;

    private const string ReadSql = """
        select seq, payload::text from broker.department_journal
        where department = @department and seq > @after order by seq
        """;

    /// <summary>
    /// Writes the pending entries of many departments in one transaction: one journal statement, one audit statement,
    /// for each department whose profile changed the directory row that lists it, and the rows written alongside its
    /// decisions. All or nothing: if an alongside writer throws or one of its fences affects no row, nothing commits.
    /// The caller (<see cref="DepartmentJournalWriter"/>, through group commit) retries departments one by one if it fails.
    /// </summary>
    public async Task AppendManyAsync(IReadOnlyList<DepartmentWrite> writes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var rows = writes.SelectMany(w => w.Entries.Select(e => (w.Department, Entry: e))).ToList();
        var append = new NpgsqlBatchCommand(AppendManySql);
        append.Parameters.Add(new NpgsqlParameter<string[]>("department", rows.Select(r => r.Department).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<long[]>("seq", rows.Select(r => r.Entry.Seq).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", rows.Select(r => r.Entry.Event.At).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<string[]>("type", rows.Select(r => r.Entry.Event.Type).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<string[]>("payload", rows.Select(r => BrokerJson.Serialize(r.Entry.Event)).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<string[]>("actor", rows.Select(r => r.Entry.Actor).ToArray()));
        append.Parameters.Add(new NpgsqlParameter<string[]>("correlation_id", rows.Select(r => r.Entry.CorrelationId).ToArray()));
        batch.BatchCommands.Add(append);
        AuditLog.AddInsert(batch, rows.Where(r => r.Entry.Audit is not null).Select(r => r.Entry.Audit!).ToArray());
        foreach (var write in writes.Where(w => w.Directory is not null))
        {
            batch.BatchCommands.Add(DirectoryUpsert(write.Department, write.Directory!));
        }

        var fences = AddAlongside(batch, writes);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        AlongsideRows.EnsureFencesHeld(fences); // throwing disposes the transaction uncommitted: it rolls back
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The rows written alongside, each writer's documents together (a writer may merge them into fewer statements),
    /// and their fences with the department whose decision they ride on.
    /// </summary>
    private static List<(string Department, NpgsqlBatchCommand Fence)> AddAlongside(NpgsqlBatch batch, IReadOnlyList<DepartmentWrite> writes)
    {
        var fences = new List<(string, NpgsqlBatchCommand)>();
        foreach (var byWriter in writes.SelectMany(w => w.Alongside.Select(a => (w.Department, Rows: a))).GroupBy(x => x.Rows.Writer))
        {
            var added = byWriter.Key.AddAllTo(batch, [.. byWriter.Select(x => x.Rows.Document)]);
            // One fence per document (an order's row) is named after its department; otherwise after all of them.
            var owners = byWriter.Select(x => x.Department).ToList();
            fences.AddRange(added.Select((f, i) => (added.Count == owners.Count ? owners[i] : string.Join(", ", owners.Distinct(StringComparer.Ordinal)), f)));
        }

        return fences;
    }

    public async Task<IReadOnlyList<(long Seq, DepartmentEvent Event)>> ReadAfterAsync(string department, long after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        var events = new List<(long, DepartmentEvent)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add((reader.GetInt64(0), BrokerJson.Deserialize<DepartmentEvent>(reader.GetString(1))));
        }

        return events;
    }

    private static NpgsqlBatchCommand DirectoryUpsert(string code, DepartmentData state)
    {
        var profile = state.Profile;
        var command = new NpgsqlBatchCommand(UpsertDirectorySql);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter("name_zh", NpgsqlDbType.Text) { Value = (object?)profile?.NameZh ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("name_en", NpgsqlDbType.Text) { Value = (object?)profile?.NameEn ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("parent_code", NpgsqlDbType.Text) { Value = (object?)profile?.ParentCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("budget_code", NpgsqlDbType.Text) { Value = (object?)profile?.BudgetCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("status", DepartmentDirectory.StatusText(profile?.Status ?? DepartmentStatus.Active)));
        command.Parameters.Add(new NpgsqlParameter<string>("contacts", BrokerJson.Serialize(profile?.Contacts ?? [])));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", state.CreatedAt));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", state.UpdatedAt));
        command.Parameters.Add(new NpgsqlParameter<bool>("deleted", !state.Exists));
        return command;
    }
}
