using Broker.Api.Finance;
using Broker.Silo.Sla;
using ClosedXML.Excel;

namespace Broker.Api.Sla;

/// <summary>
/// The SLA report as XLSX: the resources sheet (the CSV's rows) and the outages sheet, one row per outage. Cells are
/// values, never formulas (figures as numbers, money with two decimals, text as text); widths by hand, as in
/// <see cref="StatementWorkbook"/> (no auto-fit on Linux).
/// </summary>
public static class SlaReportWorkbook
{
    public static byte[] Write(SlaReport report, SlaReportHeadings headings)
    {
        using var workbook = new XLWorkbook();
        Sheet(workbook.Worksheets.Add(headings.ResourcesSheet), headings.ResourceColumns, SlaReportRows.Resources(report, headings),
            [16, 24, 10, 20, 36, 16, 10, 12, 12, 12, 12, 10, 10, 60, 12, 14, 10, 24]);
        Sheet(workbook.Worksheets.Add(headings.OutagesSheet), headings.OutageColumns, SlaReportRows.Outages(report, headings),
            [24, 10, 20, 36, 26, 26, 12, 12, 10, 16, 40]);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static void Sheet(IXLWorksheet sheet, string[] columns, IEnumerable<object[]> rows, double[] widths)
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
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case SlaReportRows.Cny money:
                        cell.SetValue(money.Amount);
                        cell.Style.NumberFormat.Format = "#,##0.00";
                        break;
                    case decimal figure:
                        cell.SetValue(figure);
                        break;
                    case long count:
                        cell.SetValue(count);
                        break;
                    default:
                        cell.SetValue((string)row[c]);
                        break;
                }
            }

            r++;
        }
    }
}
