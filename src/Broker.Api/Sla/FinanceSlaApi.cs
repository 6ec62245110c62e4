using Broker.Api.Finance;
using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Metering;
using Broker.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// Finance's view of SLA credits: <c>/api/finance/sla</c>. The credits are statement lines, so this reads the month's
/// statements (frozen when closed) and lists their <c>sla-credit</c> lines and credit adjustments for earlier months.
/// </summary>
public static class FinanceSlaApi
{
    public static RouteGroupBuilder MapFinanceSlaApi(this RouteGroupBuilder finance)
    {
        finance.MapGroup("/sla").WithTags("Finance: SLA credits").AsExpensiveRead()
            .MapGet("/credits/{period}", Credits).WithName("ListSlaCredits")
            .WithSummary("Every department's SLA credit lines on the month's statements, including credits adjusted for earlier months");
        return finance;
    }

    public static async Task<Results<Ok<SlaCreditsView>, ProblemHttpResult>> Credits(
        string period, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var lines = new List<SlaCreditView>();
        foreach (var statement in await services.Statements.GetAllAsync(month.ToString(), cancellationToken))
        {
            lines.AddRange(statement.Lines
                .Where(l => l.Category == StatementCategories.SlaCredit || (l.Category == StatementCategories.Adjustment && l.Meter == CreditLines.Meter))
                .Select(l => new SlaCreditView(statement.Department, statement.State, l.SystemId, l.ResourceId, l.OriginalPeriod, l.Quantity, l.UnitPrice, l.Amount, l.Note)));
        }

        return TypedResults.Ok(new SlaCreditsView(month.ToString(), lines, lines.Sum(l => l.AmountCny)));
    }
}
