using Broker.Api.Finance;
using Broker.Silo.Sla;
using CsvHelper;

namespace Broker.Api.Sla;

/// <summary>
/// The SLA report as RFC 4180 CSV with the finance exports' writer settings (<see cref="StatementCsv.Options"/>: a UTF-8
/// byte order mark for Excel on Chinese Windows, formula-looking text escaped, since incident descriptions are people's text).
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
                csv.WriteRecord(row);
            }
        }

        return buffer.ToArray();
    }
}
