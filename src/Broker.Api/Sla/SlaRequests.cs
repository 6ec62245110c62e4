using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>Query checks of the SLA endpoints; months are checked with the finance views' rule (<c>finance.period-invalid</c>).</summary>
public static class SlaRequests
{
    public enum ReportFormat
    {
        Json,
        Csv,
        Xlsx,
    }

    public static AssessmentPeriod Period(List<(string Field, string Code, object?[] Args)> errors, string? text)
    {
        if (AssessmentPeriod.TryParse(text, out var period))
        {
            return period;
        }

        errors.Add(("period", "sla.period-invalid", []));
        return default;
    }

    public static ReportFormat Format(List<(string Field, string Code, object?[] Args)> errors, string? format)
    {
        switch (format)
        {
            case null or "json":
                return ReportFormat.Json;
            case "csv":
                return ReportFormat.Csv;
            case "xlsx":
                return ReportFormat.Xlsx;
            default:
                errors.Add(("format", "sla.format-invalid", []));
                return ReportFormat.Json;
        }
    }
}
