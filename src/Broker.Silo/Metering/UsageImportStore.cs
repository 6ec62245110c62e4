using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// Imports external usage files in one transaction: any invalid row rejects the whole file and nothing of it is kept
/// (only the rejection report). A source id imported before is skipped, so sending a file again is harmless.
/// </summary>
public sealed class UsageImportStore(NpgsqlDataSource dataSource, RateCardStore cards)
{
    private const string SystemsSql = "select department, id from broker.systems where department = any(@departments)";

    private const string DepartmentsSql = "select code from broker.departments where code = any(@departments) and not deleted";

    private const string InsertSql = """
        insert into broker.imported_usage (source_id, import_id, line, department, system_id, meter, quantity, unit, period, imported_at)
        values (@source, @import, @line, @department, @system, @meter, @quantity, @unit, @period, clock_timestamp())
        on conflict (source_id) do nothing
        """;

    private const string ReportSql = """
        insert into broker.usage_imports (id, format, accepted, rows, inserted, duplicates, errors, imported_by, imported_at)
        values (@id, @format, @accepted, @rows, @inserted, @duplicates, @errors::jsonb, @by, @at)
        """;

    private const string GetSql = "select id, format, accepted, rows, inserted, duplicates, errors::text, imported_by, imported_at from broker.usage_imports where id = @id";

    public async Task<ImportResult> ImportAsync(string format, string text, string actor, string correlationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = $"imp-{Guid.NewGuid():n}";
        var (records, errors) = UsageFileParser.Parse(format, text);
        if (errors.Count == 0)
        {
            await CheckReferencesAsync(records, errors, cancellationToken);
        }

        errors.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Field, b.Field));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LedgerLock.TakeAsync(connection, transaction, cancellationToken);
        var inserted = 0;
        var accepted = errors.Count == 0;
        if (accepted)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var r in records)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                command.Parameters.Add(new NpgsqlParameter<string>("source", r.SourceId));
                command.Parameters.Add(new NpgsqlParameter<string>("import", id));
                command.Parameters.Add(new NpgsqlParameter<int>("line", r.Line));
                command.Parameters.Add(new NpgsqlParameter<string>("department", r.Department));
                command.Parameters.Add(new NpgsqlParameter<string>("system", r.SystemId));
                command.Parameters.Add(new NpgsqlParameter<string>("meter", r.Meter));
                command.Parameters.Add(new NpgsqlParameter<decimal>("quantity", r.Quantity));
                command.Parameters.Add(new NpgsqlParameter<string>("unit", r.Unit));
                command.Parameters.Add(new NpgsqlParameter<DateOnly>("period", r.Period.FirstDay));
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            inserted = batch.BatchCommands.Cast<NpgsqlBatchCommand>().Sum(c => (int)c.RecordsAffected);
        }

        var result = new ImportResult(id, format, accepted, records.Count + errors.Select(e => e.Line).Distinct().Count(l => records.All(r => r.Line != l)),
            inserted, accepted ? records.Count - inserted : 0, errors, actor, at);
        await using (var report = new NpgsqlBatch(connection, transaction))
        {
            var command = new NpgsqlBatchCommand(ReportSql);
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            command.Parameters.Add(new NpgsqlParameter<string>("format", format));
            command.Parameters.Add(new NpgsqlParameter<bool>("accepted", accepted));
            command.Parameters.Add(new NpgsqlParameter<int>("rows", result.Rows));
            command.Parameters.Add(new NpgsqlParameter<int>("inserted", inserted));
            command.Parameters.Add(new NpgsqlParameter<int>("duplicates", result.Duplicates));
            command.Parameters.Add(new NpgsqlParameter<string>("errors", BrokerJson.Serialize(errors)));
            command.Parameters.Add(new NpgsqlParameter<string>("by", actor));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
            report.BatchCommands.Add(command);
            AuditLog.AddInsert(report, [new AuditEntry(at, actor, null, null, "usage-import", id, accepted ? "usage-import.accepted" : "usage-import.rejected",
                null, BrokerJson.Serialize(new { format, result.Rows, inserted, result.Duplicates, errors = errors.Count }), correlationId)]);
            await report.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<ImportResult?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ImportResult(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                BrokerJson.Deserialize<List<ImportError>>(reader.GetString(6)), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8))
            : null;
    }

    /// <summary>Department and system must exist; the meter must be priced, in the same unit, on the card in force at the month's start.</summary>
    private async Task CheckReferencesAsync(List<ImportedRecord> records, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var departments = records.Select(r => r.Department).Distinct(StringComparer.Ordinal).ToArray();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var systems = new HashSet<(string, string)>();
        await using (var command = dataSource.CreateCommand(DepartmentsSql))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("departments", departments));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(reader.GetString(0));
            }
        }

        await using (var command = dataSource.CreateCommand(SystemsSql))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("departments", departments));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                systems.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var allCards = await cards.ListAsync(cancellationToken);
        foreach (var r in records)
        {
            if (!known.Contains(r.Department))
            {
                errors.Add(new ImportError(r.Line, "department", "import.department-unknown", r.Department));
            }
            else if (!systems.Contains((r.Department, r.SystemId)))
            {
                errors.Add(new ImportError(r.Line, "system", "import.system-unknown", r.SystemId));
            }

            var card = allCards.Where(c => c.InForceAt(r.Period.Start)).MaxBy(c => c.Version);
            if (card is null || !card.Prices.Meters.TryGetValue(r.Meter, out var price))
            {
                errors.Add(new ImportError(r.Line, "meter", "import.meter-unpriced", r.Meter));
            }
            else if (!string.Equals(price.Unit, r.Unit, StringComparison.Ordinal))
            {
                errors.Add(new ImportError(r.Line, "unit", "import.unit-mismatch", price.Unit));
            }
        }
    }
}
