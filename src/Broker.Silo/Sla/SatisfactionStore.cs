using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Sla;

/// <summary>
/// Satisfaction answers in <c>broker.sla_satisfaction</c>. A submission is one transaction: the answer (new, or
/// replacing the department's earlier one for the month) and its audit row with what it replaced.
/// </summary>
public sealed class SatisfactionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "department, period, scores::text, comment, submitted_by, submitted_at";

    // First answer: the insert wins; a concurrent first answer waits on the key, then finds the row and replaces it.
    private const string InsertSql = """
        insert into broker.sla_satisfaction (department, period, scores, comment, submitted_by, submitted_at)
        values (@department, @period, @scores::jsonb, @comment, @by, @at)
        on conflict (department, period) do nothing
        """;

    private const string LockSql = $"select {Columns} from broker.sla_satisfaction where department = @department and period = @period for update";

    private const string UpdateSql = """
        update broker.sla_satisfaction set scores = @scores::jsonb, comment = @comment, submitted_by = @by, submitted_at = @at
        where department = @department and period = @period
        """;

    private const string ListSql = $"""
        select {Columns} from broker.sla_satisfaction
        where period = any(@periods) and (@department::text is null or department = @department)
        order by period, department
        """;

    /// <summary>Stores the answer; returns the one it replaced, if any.</summary>
    public async Task<SatisfactionAnswer?> SubmitAsync(SatisfactionAnswer answer, string correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        SatisfactionAnswer? replaced = null;
        await using (var insert = Command(InsertSql, connection, transaction, answer))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await using (var select = new NpgsqlCommand(LockSql, connection, transaction))
                {
                    select.Parameters.Add(new NpgsqlParameter<string>("department", answer.Department));
                    select.Parameters.Add(new NpgsqlParameter<string>("period", answer.Period));
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    replaced = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
                }

                await using var update = Command(UpdateSql, connection, transaction, answer);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        AuditLog.AddInsert(batch, [new AuditEntry(answer.SubmittedAt, answer.SubmittedBy, null, answer.Department, "sla-satisfaction",
            $"{answer.Department}/{answer.Period}", replaced is null ? "sla-satisfaction.submitted" : "sla-satisfaction.replaced",
            replaced is null ? null : BrokerJson.Serialize(replaced), BrokerJson.Serialize(answer), correlationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return replaced;
    }

    /// <summary>Answers for the given months (yyyy-MM), of one department or all, ordered by month and department.</summary>
    public async Task<IReadOnlyList<SatisfactionAnswer>> ListAsync(IReadOnlyCollection<string> periods, string? department, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("periods", [.. periods]));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var answers = new List<SatisfactionAnswer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            answers.Add(Read(reader));
        }

        return answers;
    }

    private static SatisfactionAnswer Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        BrokerJson.Deserialize<Dictionary<string, int>>(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, SatisfactionAnswer answer)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("department", answer.Department));
        command.Parameters.Add(new NpgsqlParameter<string>("period", answer.Period));
        command.Parameters.Add(new NpgsqlParameter<string>("scores", BrokerJson.Serialize(answer.Scores)));
        command.Parameters.Add(new NpgsqlParameter("comment", NpgsqlDbType.Text) { Value = (object?)answer.Comment ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("by", answer.SubmittedBy));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", answer.SubmittedAt));
        return command;
    }
}
