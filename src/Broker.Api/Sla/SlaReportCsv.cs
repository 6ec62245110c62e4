using Broker.Api.Finance;
using Broker.Silo.Sla;
using CsvHelper;

namespace Broker.Api.Sla;

/// <summary>
/// The SLA report as RFC 4180 CSV with the finance exports' writer settings (<see cref="StatementCsv.Options"/>: a UTF-8
/// byte order mark for Excel on Chinese Windows, text that looks like a formula escaped, since incident descriptions are
/// people's text). Figures are written as numbers, which the escaping leaves alone.
/// </summary>
public static class SlaReportCsv
{
    public static byte[] Write(SlaReport report, SlaReportHeadings headings)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, StatementCsv.Options, leaveOpen: true))
        {
            csv.WriteRecord(headings.ResourceColumns);
            foreach (var row in SlaReportRows.Resources(report, headings))
            {
                foreach (var cell in row)
                {
                    switch (cell)
                    {
                        case SlaReportRows.Cny money:
                            csv.WriteField(money.Amount, "0.00");
                            break;
                        case decimal figure:
                            csv.WriteField(figure, StatementCsv.Exact);
                            break;
                        case long count:
                            csv.WriteField(count, default);
                            break;
                        default:
                            csv.WriteField((string)cell);
                            break;
                    }
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }
}
