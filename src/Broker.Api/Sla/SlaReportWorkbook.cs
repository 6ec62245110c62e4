using System.Globalization;
using Broker.Api.Finance;
using Broker.Silo.Sla;
using ClosedXML.Excel;

namespace Broker.Api.Sla;

/// <summary>
/// The SLA report as XLSX: the resources sheet (the CSV's rows) and the outages sheet, one row per outage. Cells are
/// values, never formulas (figures as numbers, text as text); widths by hand, as in <see cref="StatementWorkbook"/> (no auto-fit on Linux).
/// </summary>
public static class SlaReportWorkbook
{
    public static byte[] Write(SlaReport report, SlaReportHeadings headings)
    {
        using var workbook = new XLWorkbook();
        Sheet(workbook.Worksheets.Add(headings.ResourcesSheet), headings.ResourceColumns, SlaReportRows.Resources(report, headings),
            [16, 24, 10, 20, 36, 16, 10, 12, 12, 12, 12, 10, 10, 60, 12, 14, 10, 24], [7, 8, 9, 10, 12, 15]);
        Sheet(workbook.Worksheets.Add(headings.OutagesSheet), headings.OutageColumns, SlaReportRows.Outages(report, headings),
            [24, 10, 20, 36, 26, 26, 12, 12, 10, 16, 40], [6]);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static void Sheet(IXLWorksheet sheet, string[] columns, IEnumerable<string[]> rows, double[] widths, int[] figures)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(columns[c]);
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (figures.Contains(c) && decimal.TryParse(row[c], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var figure))
                {
                    sheet.Cell(r, c + 1).SetValue(figure);
                }
                else
                {
                    sheet.Cell(r, c + 1).SetValue(row[c]);
                }
            }

            r++;
        }
    }
}
