using System.Globalization;
using Broker.Contracts.Common;
using Broker.Silo.Chargeback;
using Broker.Silo.Metering;

namespace Broker.Api.Finance;

/// <summary>
/// Query and body checks shared by the finance endpoints. Each adds to one error list, so a caller hears of every bad
/// field at once.
/// </summary>
public static class FinanceRequests
{
    public const int DefaultTopSystems = 10;

    public const int NoteMaxLength = FieldLimits.Note;

    /// <summary>A budget's ceiling (1 trillion CNY), far above any department's and far below decimal's range.</summary>
    public const decimal MaxBudgetCny = 1_000_000_000_000m;

    public enum ExportFormat
    {
        Csv,
        Xlsx,
    }

    /// <summary>A month parameter; absent means <paramref name="fallback"/>.</summary>
    public static BillingMonth Month(List<(string Field, string Code, object?[] Args)> errors, string field, string? text, BillingMonth fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (BillingMonth.TryParse(text, out var month))
        {
            return month;
        }

        errors.Add((field, "finance.period-invalid", []));
        return fallback;
    }

    /// <summary>from..to, defaulting to <paramref name="defaultFrom"/>..this month.</summary>
    public static (BillingMonth From, BillingMonth To) Range(
        List<(string Field, string Code, object?[] Args)> errors, string? from, string? to, BillingMonth defaultFrom, BillingMonth current, int maxMonths)
    {
        var count = errors.Count;
        var first = Month(errors, "from", from, defaultFrom);
        var last = Month(errors, "to", to, current);
        if (errors.Count == count && (first.CompareTo(last) > 0 || BillingMonth.Count(first, last) > maxMonths))
        {
            errors.Add((from is null ? "to" : "from", "finance.range-invalid", [maxMonths]));
        }

        return (first, last);
    }

    public static ExportFormat Format(List<(string Field, string Code, object?[] Args)> errors, string? format)
    {
        switch (format)
        {
            case null or "csv":
                return ExportFormat.Csv;
            case "xlsx":
                return ExportFormat.Xlsx;
            default:
                errors.Add(("format", "finance.format-invalid", []));
                return ExportFormat.Csv;
        }
    }

    public static int Year(List<(string Field, string Code, object?[] Args)> errors, string field, string? text, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2200)
        {
            return year;
        }

        errors.Add((field, "finance.year-invalid", []));
        return fallback;
    }

    public static void Budget(List<(string Field, string Code, object?[] Args)> errors, SetBudgetRequest? request)
    {
        if (request is null)
        {
            errors.Add(("body", "field.required", []));
            return;
        }

        if (request.AmountCny is null)
        {
            errors.Add(("amountCny", "field.required", []));
        }
        else if (request.AmountCny <= 0m || request.AmountCny > MaxBudgetCny || request.AmountCny.Value.Scale > 2 && decimal.Round(request.AmountCny.Value, 2) != request.AmountCny)
        {
            errors.Add(("amountCny", "finance.amount-invalid", []));
        }

        if (TextRules.Check("note", request.Note, NoteMaxLength, TextShape.Paragraph) is { } note)
        {
            errors.Add(("note", note.Code, [note.Detail]));
        }
    }
}
