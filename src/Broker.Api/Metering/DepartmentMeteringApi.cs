using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Metering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Metering;

/// <summary>
/// A department's bill and quotes: <c>/api/departments/{code}/statements/{period}</c> and <c>/quote</c>. Mapped on the
/// department group, so <see cref="DepartmentAccessFilter"/> answers 404 for another department's.
/// </summary>
public static class DepartmentMeteringApi
{
    private const int MaxQuoteQuantity = 1000;

    public static RouteGroupBuilder MapDepartmentMeteringApi(this RouteGroupBuilder department)
    {
        department.MapGet("/statements/{period}", GetStatement).WithTags("Department: chargeback").WithName("GetDepartmentStatement").AsExpensiveRead()
            .WithSummary("The department's statement for a month (yyyy-MM, Asia/Shanghai): open and recomputed, or closed and frozen");
        department.MapGet("/quote", GetQuote).WithTags("Department: chargeback").WithName("GetQuote")
            .WithSummary("What an order of a plan x quantity at an SLA tier would cost per month, with this month's rate cards");
        return department;
    }

    public static async Task<Results<Ok<Statement>, ProblemHttpResult>> GetStatement(string code, string period, IStatementEngine engine, CancellationToken cancellationToken) =>
        BillingMonth.TryParse(period, out _)
            ? TypedResults.Ok(await engine.GetAsync(code, period, cancellationToken))
            : Problems.Invalid("period", "period.invalid");

    public static async Task<Results<Ok<Quote>, ProblemHttpResult>> GetQuote(string? plan, string? slaTier, int? quantity, QuoteService quotes, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        if (string.IsNullOrWhiteSpace(plan))
        {
            errors.Add(("plan", "field.required", []));
        }

        if (string.IsNullOrWhiteSpace(slaTier))
        {
            errors.Add(("slaTier", "field.required", []));
        }

        if (quantity is not (>= 1 and <= MaxQuoteQuantity))
        {
            errors.Add(("quantity", "quote.quantity-invalid", [MaxQuoteQuantity]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return await quotes.QuoteAsync(plan!, slaTier!, quantity!.Value, cancellationToken) is { } quote
            ? TypedResults.Ok(quote)
            : Problems.NotFound("quote.plan-not-found", "plan");
    }
}
