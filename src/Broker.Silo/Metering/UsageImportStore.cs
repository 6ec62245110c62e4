using System.Text;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Metering;

/// <summary>
/// Imports external usage files in one transaction: any invalid row rejects the whole file and nothing of it is kept
/// (only the rejection report). A source id imported before is skipped, so sending a file again is harmless.
/// Records are streamed from the parser into a temporary table with binary COPY as they are read, so an import holds
/// no list of its records; repeated source ids within the file are found there, and accepted rows are moved into
/// <c>broker.imported_usage</c> with one statement.
/// </summary>
public sealed class UsageImportStore(NpgsqlDataSource dataSource, RateCardStore cards)
{
    private const string StagingSql = """
        create temporary table import_rows (line integer, source_id text, department text, system_id text, meter text,
            quantity numeric(20,6), unit text, period date) on commit drop
        """;

    private const string CopySql = "copy import_rows (line, source_id, department, system_id, meter, quantity, unit, period) from stdin (format binary)";

    // Every occurrence of a source id after its first, as the parser once reported them.
    private const string RepeatedSql = """
        select line, source_id from (
            select line, source_id, row_number() over (partition by source_id order by line) as occurrence from import_rows) numbered
        where occurrence > 1
        """;

    private const string InsertSql = """
        insert into broker.imported_usage (source_id, import_id, line, department, system_id, meter, quantity, unit, period, imported_at)
        select source_id, @import, line, department, system_id, meter, quantity, unit, period, clock_timestamp() from import_rows order by line
        on conflict (source_id) do nothing
        """;

    private const string ReportSql = """
        insert into broker.usage_imports (id, format, accepted, rows, inserted, duplicates, errors, imported_by, imported_at)
        values (@id, @format, @accepted, @rows, @inserted, @duplicates, @errors::jsonb, @by, @at)
        """;

    private const string GetSql = "select id, format, accepted, rows, inserted, duplicates, errors::text, imported_by, imported_at from broker.usage_imports where id = @id";

    /// <summary>An import of a file given as text (tests, small callers); see the stream overload.</summary>
    public Task<ImportResult> ImportAsync(string format, string text, string actor, string correlationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Publicly visible, so the parser reads these bytes in place instead of copying them (UsageFileParser.Parse).
        var bytes = Encoding.UTF8.GetBytes(text);
        return ImportAsync(format, new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true), actor, correlationId, at, cancellationToken);
    }

    /// <summary>Imports <paramref name="content"/> (UTF-8) whole or not at all; every refused line and field is in the result.</summary>
    public async Task<ImportResult> ImportAsync(string format, Stream content, string actor, string correlationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = $"imp-{Guid.NewGuid():n}";
        var references = await UsageReferences.LoadAsync(dataSource, cards, cancellationToken);
        var errors = new List<ImportError>();
        var referenceErrors = new List<ImportError>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var staging = new NpgsqlCommand(StagingSql, connection, transaction))
        {
            await staging.ExecuteNonQueryAsync(cancellationToken);
        }

        var records = await StageAsync(connection, UsageFileParser.Parse(format, content, errors), references, referenceErrors, cancellationToken);
        // Lines refused while parsing are rows too; a line is either a record or refused here, never both.
        var rows = records + errors.Select(e => e.Line).Distinct().Count();
        await AddRepeatedAsync(connection, transaction, errors, cancellationToken);
        if (errors.Count == 0)
        {
            // References are reported only for a file that parses, as before: a broken file is fixed first.
            errors.AddRange(referenceErrors);
        }

        errors.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Field, b.Field));
        await LedgerLock.TakeAsync(connection, transaction, cancellationToken);
        var inserted = 0;
        var accepted = errors.Count == 0;
        if (accepted)
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string>("import", id));
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = new ImportResult(id, format, accepted, rows, inserted, accepted ? records - inserted : 0, errors, actor, at);
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

    /// <summary>Copies every record into the staging table as the parser hands it out, checking its references; how many.</summary>
    private static async Task<int> StageAsync(
        NpgsqlConnection connection, IEnumerable<ImportedRecord> parsed, UsageReferences references, List<ImportError> referenceErrors, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var copy = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        foreach (var r in parsed)
        {
            references.Check(r, referenceErrors);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(r.Line, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(r.SourceId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Department, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.SystemId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Meter, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Quantity, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(r.Unit, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Period.FirstDay, NpgsqlDbType.Date, cancellationToken);
            count++;
        }

        await copy.CompleteAsync(cancellationToken);
        return count;
    }

    private static async Task AddRepeatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportError> errors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RepeatedSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new ImportError(reader.GetInt32(0), "sourceId", "import.source-id-repeated", reader.GetString(1)));
        }
    }
}
