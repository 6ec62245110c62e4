using Broker.Silo.Metering;
using ClosedXML.Excel;

namespace Broker.Api.Finance;

/// <summary>
/// Statements as an XLSX workbook: a summary sheet first (one row per department: subtotals by category and total,
/// then the sum), then one sheet per department with its lines and total. Column widths are set by hand: ClosedXML's
/// auto-fit measures text with System.Drawing, which throws on Linux.
/// </summary>
public static class StatementWorkbook
{
    private const string Money = "#,##0.00";

    public static byte[] Write(IReadOnlyList<Statement> statements)
    {
        using var workbook = new XLWorkbook();
        WriteSummary(workbook.Worksheets.Add(ExportHeaders.SummarySheet), statements);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ExportHeaders.SummarySheet };
        foreach (var statement in statements)
        {
            WriteDepartment(workbook.Worksheets.Add(SheetName(statement.Department, names)), statement);
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Excel caps sheet names at 31 characters and department codes run to 48; a cut name that collides gets a
    /// numbered ending. The full code is always in the sheet's first column.
    /// </summary>
    public static string SheetName(string department, ISet<string> taken)
    {
        var name = department.Length <= 31 ? department : department[..31];
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $"~{n}";
            name = (department.Length + suffix.Length <= 31 ? department : department[..(31 - suffix.Length)]) + suffix;
        }

        return name;
    }

    private static void WriteSummary(IXLWorksheet sheet, IReadOnlyList<Statement> statements)
    {
        string[] headings = [ExportHeaders.Department, ExportHeaders.Period, ExportHeaders.State, .. ExportHeaders.Categories.Select(c => c.Heading), ExportHeaders.Total, ExportHeaders.Lines, ExportHeaders.AsOf];
        Headings(sheet, headings);
        var row = 2;
        foreach (var statement in statements)
        {
            sheet.Cell(row, 1).SetValue(statement.Department);
            sheet.Cell(row, 2).SetValue(statement.Period);
            sheet.Cell(row, 3).SetValue(statement.State);
            for (var c = 0; c < ExportHeaders.Categories.Length; c++)
            {
                var key = ExportHeaders.Categories[c].Key;
                sheet.Cell(row, 4 + c).SetValue(statement.ByCategory.Where(s => s.Key == key).Sum(s => s.Amount));
            }

            sheet.Cell(row, 4 + ExportHeaders.Categories.Length).SetValue(statement.Total);
            sheet.Cell(row, 5 + ExportHeaders.Categories.Length).SetValue(statement.Lines.Count);
            sheet.Cell(row, 6 + ExportHeaders.Categories.Length).SetValue(ExportHeaders.AsOfText(statement));
            row++;
        }

        // The city's sum as a value, not a formula: readers that do not evaluate formulas must see the same figure.
        sheet.Cell(row, 1).SetValue(ExportHeaders.Total);
        for (var c = 0; c < ExportHeaders.Categories.Length; c++)
        {
            var key = ExportHeaders.Categories[c].Key;
            sheet.Cell(row, 4 + c).SetValue(statements.Sum(s => s.ByCategory.Where(x => x.Key == key).Sum(x => x.Amount)));
        }

        sheet.Cell(row, 4 + ExportHeaders.Categories.Length).SetValue(statements.Sum(s => s.Total));
        sheet.Row(row).Style.Font.Bold = true;
        sheet.Range(2, 4, row, 4 + ExportHeaders.Categories.Length).Style.NumberFormat.Format = Money;
        Widths(sheet, [28, 10, 8, .. ExportHeaders.Categories.Select(_ => 16.0), 18, 14, 24]);
    }

    private static void WriteDepartment(IXLWorksheet sheet, Statement statement)
    {
        Headings(sheet, ExportHeaders.LineColumns);
        var row = 2;
        foreach (var line in statement.Lines)
        {
            sheet.Cell(row, 1).SetValue(statement.Department);
            sheet.Cell(row, 2).SetValue(statement.Period);
            sheet.Cell(row, 3).SetValue(statement.State);
            sheet.Cell(row, 4).SetValue(line.Category);
            sheet.Cell(row, 5).SetValue(line.SystemId);
            sheet.Cell(row, 6).SetValue(line.ResourceId ?? "");
            sheet.Cell(row, 7).SetValue(line.Meter);
            sheet.Cell(row, 8).SetValue(line.Quantity);
            sheet.Cell(row, 9).SetValue(line.Unit);
            sheet.Cell(row, 10).SetValue(line.UnitPrice);
            sheet.Cell(row, 11).SetValue(line.Amount);
            sheet.Cell(row, 12).SetValue(statement.Currency);
            sheet.Cell(row, 13).SetValue(line.OriginalPeriod ?? "");
            sheet.Cell(row, 14).SetValue(line.Note ?? "");
            sheet.Cell(row, 15).SetValue(ExportHeaders.AsOfText(statement));
            row++;
        }

        sheet.Cell(row, 1).SetValue(statement.Department);
        sheet.Cell(row, 7).SetValue(ExportHeaders.Total);
        sheet.Cell(row, 11).SetValue(statement.Total);
        sheet.Cell(row, 12).SetValue(statement.Currency);
        sheet.Row(row).Style.Font.Bold = true;
        sheet.Range(2, 11, row, 11).Style.NumberFormat.Format = Money;
        Widths(sheet, [28, 10, 8, 12, 20, 36, 20, 14, 12, 14, 16, 8, 12, 30, 24]);
    }

    private static void Headings(IXLWorksheet sheet, IReadOnlyList<string> headings)
    {
        for (var c = 0; c < headings.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headings[c]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    private static void Widths(IXLWorksheet sheet, IReadOnlyList<double> widths)
    {
        for (var c = 0; c < widths.Count; c++)
        {
            sheet.Column(c + 1).Width = widths[c];
        }
    }
}
