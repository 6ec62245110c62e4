using Broker.Contracts.Common;
using Broker.Silo.Audit;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Chargeback;

/// <summary>
/// <c>broker.department_budgets</c>: finance's annual budget per department. A change and its audit row are one
/// transaction; setting the same amount and note again changes nothing and writes no audit row.
/// </summary>
public sealed class BudgetStore(NpgsqlDataSource dataSource, BrokerClock clock)
{
    private const string Columns = "department, year, amount, note, set_by, set_at";

    private const string GetSql = $"select {Columns} from broker.department_budgets where department = @department and year = @year";

    private const string LockSql = $"select {Columns} from broker.department_budgets where department = @department and year = @year for update";

    private const string ListSql = $"""
        select {Columns} from broker.department_budgets
        where year = @year and (@department::text is null or department = @department)
        order by department
        """;

    private const string UpsertSql = """
        insert into broker.department_budgets (department, year, amount, note, set_by, set_at)
        values (@department, @year, @amount, @note, @set_by, @set_at)
        on conflict (department, year) do update
        set amount = excluded.amount, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at
        """;

    public async Task<DepartmentBudget?> GetAsync(string department, int year, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        AddKey(command.Parameters, department, year);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Budgets of <paramref name="year"/>, of one department or all, by department code.</summary>
    public async Task<IReadOnlyList<DepartmentBudget>> ListAsync(int year, string? department = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        var list = new List<DepartmentBudget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Sets the budget; returns it and whether anything changed.</summary>
    public async Task<(DepartmentBudget Budget, bool Changed)> SetAsync(
        string department, int year, decimal amountCny, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DepartmentBudget? before;
        await using (var read = new NpgsqlCommand(LockSql, connection, transaction))
        {
            AddKey(read.Parameters, department, year);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            before = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (before is not null && before.AmountCny == amountCny && before.Note == note)
        {
            return (before, false);
        }

        var now = clock.GetUtcNow();
        var after = new DepartmentBudget(department, year, amountCny, note, actor.Subject, now);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var upsert = new NpgsqlBatchCommand(UpsertSql);
        AddKey(upsert.Parameters, department, year);
        upsert.Parameters.Add(new NpgsqlParameter<decimal>("amount", amountCny));
        upsert.Parameters.Add(new NpgsqlParameter("note", NpgsqlDbType.Text) { Value = (object?)note ?? DBNull.Value });
        upsert.Parameters.Add(new NpgsqlParameter<string>("set_by", actor.Subject));
        upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("set_at", now));
        batch.BatchCommands.Add(upsert);
        AuditLog.AddInsert(batch, [new AuditEntry(
            now, actor.Subject, actor.DisplayName, department, "budget", $"{department}/{year}", "budget.set",
            before is null ? null : BrokerJson.Serialize(before), BrokerJson.Serialize(after), actor.CorrelationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (after, true);
    }

    private static void AddKey(NpgsqlParameterCollection parameters, string department, int year)
    {
        parameters.Add(new NpgsqlParameter<string>("department", department));
        parameters.Add(new NpgsqlParameter<int>("year", year));
    }

    private static DepartmentBudget Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        reader.GetDecimal(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
