using Broker.Api.Finance;
using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// The SLA across departments: <c>/api/platform/sla</c>, on the platform group (platform team, finance and auditors
/// read; departments do not, they read their own under <see cref="DepartmentSlaApi"/>).
/// </summary>
public static class PlatformSlaAssessmentApi
{
    public static RouteGroupBuilder MapPlatformSlaAssessmentApi(this RouteGroupBuilder platform)
    {
        var group = platform.MapGroup("/sla").WithTags("Platform: SLA");
        group.MapGet("/assessments/{period}", Assess).WithName("GetPlatformAssessment").AsExpensiveRead()
            .WithSummary("Every department's assessment and the city's for a month (yyyy-MM), quarter (yyyy-Qn) or year (yyyy)");
        group.MapGet("/satisfaction/{period}", Answers).WithName("ListSatisfactionAnswers")
            .WithSummary("Every department's answer to the month's satisfaction form, with its score");
        return platform;
    }

    public static async Task<Results<Ok<Assessment>, ProblemHttpResult>> Assess(
        string period, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var assessed = SlaRequests.Period(errors, period);
        return errors.Count > 0
            ? Problems.Invalid(errors)
            : TypedResults.Ok(await services.Assessments.AssessAsync(assessed, services.CurrentMonth, null, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<SatisfactionAnswerView>>, ProblemHttpResult>> Answers(
        string period, [AsParameters] SlaAssessmentServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var answers = await services.Satisfaction.ListAsync([month.ToString()], null, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SatisfactionAnswerView>>(answers.Select(a => SatisfactionAnswerView.From(a, services.Form.Value)).ToList());
    }
}
