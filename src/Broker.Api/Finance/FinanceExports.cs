using Broker.Silo.Chargeback;
using Broker.Silo.Metering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Finance;

/// <summary>Turns statements into the download both audiences get.</summary>
public static class FinanceExports
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static FileContentHttpResult File(IReadOnlyList<Statement> statements, FinanceRequests.ExportFormat format, BillingMonth month, string? department)
    {
        var name = department is null ? $"chargeback-{month}" : $"chargeback-{department}-{month}";
        return format == FinanceRequests.ExportFormat.Xlsx
            ? TypedResults.File(StatementWorkbook.Write(statements), XlsxType, $"{name}.xlsx")
            : TypedResults.File(StatementCsv.Write(statements), CsvType, $"{name}.csv");
    }
}
