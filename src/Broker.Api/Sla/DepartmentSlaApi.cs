using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// A department's own measured attainment, <c>/api/departments/{code}/sla/attainment</c>. Mapped on the department group,
/// so <see cref="DepartmentAccessFilter"/> answers another department's users with 404 and platform staff may read.
/// </summary>
public static class DepartmentSlaApi
{
    public static RouteGroupBuilder MapDepartmentSlaApi(this RouteGroupBuilder department)
    {
        department.MapGet("/sla/attainment", Attainment).WithName("GetDepartmentAttainment").WithTags("Department: SLA").AsExpensiveRead()
            .WithSummary("The department's measured attainment for ?period per ?scope (resource by default, system, department, tier)");
        return department;
    }

    public static async Task<Results<Ok<AttainmentReport>, ProblemHttpResult>> Attainment(
        string code, string? period, string? scope, [AsParameters] SlaServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var range = services.Period(errors, period);
        var by = SlaServices.Scope(errors, scope, AttainmentFolds.Resource);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var resources = await services.Attainment.ForPeriodAsync(range!, code, cancellationToken);
        return TypedResults.Ok(AttainmentReport.Of(range!, by!, resources));
    }
}
