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
                    // Numbers are written as numbers: through the text path the injection escape would turn every
                    // negative amount (a credit, an adjustment) into '-24.97, and the Amount column would not sum.
                    foreach (var text in (string[])[statement.Department, statement.Period, statement.State, line.Category, line.SystemId, line.ResourceId ?? "", line.Meter])
                    {
                        csv.WriteField(text);
                    }

                    csv.WriteField(line.Quantity, Exact);
                    csv.WriteField(line.Unit);
                    csv.WriteField(line.UnitPrice, Exact);
                    csv.WriteField(line.Amount, "0.00");
                    foreach (var text in (string[])[statement.Currency, line.OriginalPeriod ?? "", line.Note ?? "", ExportHeaders.AsOfText(statement)])
                    {
                        csv.WriteField(text);
                    }

                    csv.EndRecord();
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Exact decimal text without trailing zeros, never an exponent.</summary>
    internal const string Exact = "0.############################";
}
