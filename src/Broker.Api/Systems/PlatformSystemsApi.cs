using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Api.Localization;
using Broker.Contracts.Common;
using Broker.Contracts.Systems;
using Broker.Silo.Quotas;
using Broker.Silo.Systems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Systems;

/// <summary>
/// The platform's side of systems: <c>/api/platform/systems</c>, the review queue across departments (platform staff)
/// and the committee's decision (platform admins).
/// </summary>
public static class PlatformSystemsApi
{
    public static RouteGroupBuilder MapPlatformSystemsApi(this RouteGroupBuilder platform)
    {
        var group = platform.MapGroup("/systems").WithTags("Platform: systems");
        group.MapGet("/", ListSystems).WithName("ListSystemsAcrossDepartments")
            .WithSummary("Systems of every department (paged by department/id); ?status=proposed is the review queue");
        group.MapPost("/{department}/{id}/review", ReviewSystem).WithName("ReviewSystem")
            .WithSummary("Approve a proposed system with an envelope (and an exemption where the category needs one) or reject it with a note")
            .RequireAuthorization(Policies.PlatformAdmin);
        return platform;
    }

    public static async Task<Results<Ok<Page<SystemSummary>>, ProblemHttpResult>> ListSystems(
        SystemDirectory directory, string? status, string? category, string? department, string? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var parsedStatus = status is null ? (SystemReviewStatus?)null : SystemRequests.Parse<SystemReviewStatus>(errors, "status", status, "system.status-invalid");
        var parsedCategory = category is null ? (SystemCategory?)null : SystemRequests.Parse<SystemCategory>(errors, "category", category, "system.category-invalid");
        if (!Paging.ValidLimit(limit))
        {
            errors.Add(("limit", "page.invalid", [Paging.MaxLimit]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // The cursor is "department/id"; a bare department starts at that department's first system.
        var slash = after?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var (afterDepartment, afterId) = slash >= 0 ? (after![..slash], after[(slash + 1)..]) : (after, "");
        var take = limit ?? 50;
        var items = await directory.ListAsync(department, parsedStatus, parsedCategory, afterDepartment, afterId, take + 1, cancellationToken);
        var page = items.Take(take).ToList();
        return TypedResults.Ok(new Page<SystemSummary>(page, items.Count > take ? new SystemKey(page[^1].Department, page[^1].Id).ToString() : null));
    }

    public static async Task<Results<Ok<SystemResponse>, ProblemHttpResult>> ReviewSystem(
        string department, string id, ReviewSystemRequest request, BrokerCallContext context, QuotaValidation validation)
    {
        var key = new SystemKey(department, id);
        if (!SystemKey.TryParse(key.ToString(), out _))
        {
            return Problems.NotFound("system.not-found", "id");
        }

        var errors = SystemRequests.Review(request, validation, out var review);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await context.Grains.GetSystem(key).ReviewAsync(review!, context.Actor);
        return result.Error switch
        {
            null => TypedResults.Ok(SystemResponse.From(result.System!)),
            // Separation of duties: a platform admin who also registered the system (under a department role) may not review it.
            { Code: SystemDecisions.SelfReview } error => Problems.Create(StatusCodes.Status403Forbidden, error.Code, Messages.Get(error.Code),
                new Dictionary<string, object?> { ["field"] = error.Field }),
            var error => Problems.From(error),
        };
    }
}
