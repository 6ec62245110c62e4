using System.Globalization;
using Broker.Silo.Metering;
using CsvHelper;

namespace Broker.Api.Finance;

/// <summary>
/// Statement lines as RFC 4180 CSV, one row per line across the statements given, in their order. UTF-8 with a byte
/// order mark, because Excel on Chinese Windows otherwise reads the headings as GBK. Numbers are invariant
/// (<c>1234.50</c>); a statement's total is the sum of its Amount column.
/// </summary>
public static class StatementCsv
{
    /// <summary>
    /// Text that a spreadsheet would run as a formula (a note starting with <c>=</c>) is escaped: a department's own
    /// input must not execute on a finance officer's machine.
    /// </summary>
    internal static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static byte[] Write(IEnumerable<Statement> statements)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteRecord(ExportHeaders.LineColumns);
            foreach (var statement in statements)
            {
                foreach (var line in statement.Lines)
                {
                    csv.WriteRecord(
                    [
                        statement.Department,
                        statement.Period,
                        statement.State,
                        line.Category,
                        line.SystemId,
                        line.ResourceId ?? "",
                        line.Meter,
                        Number(line.Quantity),
                        line.Unit,
                        Number(line.UnitPrice),
                        line.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                        statement.Currency,
                        line.OriginalPeriod ?? "",
                        line.Note ?? "",
                        ExportHeaders.AsOfText(statement),
                    ]);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Exact decimal text without trailing zeros, never an exponent.</summary>
    private static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
