using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Api.Identity;
using Broker.Silo.Capacity;
using Broker.Silo.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Capacity;

/// <summary>
/// The platform team's view of supply under <c>/api/platform/capacity</c>: pools with forecasts, overbooking of quotas,
/// and how many more of a plan fit. Platform admins and operators only: it shows the whole room.
/// </summary>
public static class CapacityApi
{
    public static RouteGroupBuilder MapPlatformCapacityApi(this RouteGroupBuilder platform)
    {
        var group = platform.MapGroup("/capacity").WithTags("Platform: capacity")
            .RequireAuthorization(p => p.RequireRole(Roles.PlatformAdmin, Roles.PlatformOperator))
            .AsExpensiveRead();
        group.MapGet("/", GetReport).WithName("GetCapacityReport")
            .WithSummary("Per pool and dimension: physical, allocatable, allocated, reserved, free, headroom, pipeline and the forecast run-out day");
        group.MapGet("/overbooking", GetOverbooking).WithName("GetCapacityOverbooking")
            .WithSummary("Sum of department quota limits against what the pools can sell, per dimension");
        group.MapGet("/plans/{planCode}/fit", GetPlanFit).WithName("GetPlanFit")
            .WithSummary("How many more of a catalog plan fit, per pool and in total (optionally in one network zone)");
        return platform;
    }

    public static async Task<Ok<CapacityReport>> GetReport(CapacityReporter reporter, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reporter.ReportAsync(cancellationToken));

    public static async Task<Ok<OverbookingReport>> GetOverbooking(CapacityReporter reporter, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reporter.OverbookingAsync(cancellationToken));

    public static async Task<Results<Ok<PlanFitReport>, ProblemHttpResult>> GetPlanFit(string planCode, string? zone, CapacityReporter reporter, CatalogStore catalog, CancellationToken cancellationToken)
    {
        if (zone is not null && !CapacityOptions.Zones.Contains(zone, StringComparer.Ordinal))
        {
            return Problems.Invalid("zone", "capacity.zone-invalid");
        }

        var plan = await catalog.GetPlanAsync(planCode, null, cancellationToken);
        return plan is null ? Problems.NotFound("order.plan-unknown", "planCode") : TypedResults.Ok((await reporter.FitAsync(plan, zone))!);
    }
}
