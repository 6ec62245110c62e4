using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Contracts.Catalog;
using Broker.Silo.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Catalog;

/// <summary>
/// The service catalog. Everyone signed in reads it under <c>/api/catalog</c>; platform admins manage it under
/// <c>/api/platform/catalog</c> (<see cref="PlatformCatalogApi"/>).
/// </summary>
public static class CatalogApi
{
    // Offerings are the kinds the broker can provision, so they live in code; their plans live in the database.
    private static readonly (OfferingKind Kind, string NameZh, string NameEn, IReadOnlyList<string>? Engines)[] Offerings =
    [
        (OfferingKind.Vm, "云主机", "Virtual machines", null),
        (OfferingKind.Database, "云数据库", "Managed databases", CatalogValidation.SupportedEngines),
    ];

    /// <summary>Maps the catalog on the <c>/api</c> group: reads for any signed-in user, writes for platform admins.</summary>
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog");
        catalog.MapGet("/sla-tiers", ListSlaTiers).WithName("ListSlaTiers").WithSummary("SLA tiers: availability, service hours, RPO, RTO, price multiplier");
        catalog.MapGet("/sla-tiers/{code}", GetSlaTier).WithName("GetSlaTier").WithSummary("One SLA tier");
        catalog.MapGet("/offerings", ListOfferings).WithName("ListOfferings").WithSummary("What can be ordered, with the latest version of each plan");
        catalog.MapGet("/plans", ListPlans).WithName("ListPlans").WithSummary("The latest version of each plan (paged by code)");
        catalog.MapGet("/plans/{code}", GetPlan).WithName("GetPlan").WithSummary("The latest version of a plan");
        catalog.MapGet("/plans/{code}/versions", ListPlanVersions).WithName("ListPlanVersions").WithSummary("Every version of a plan, oldest first");
        catalog.MapGet("/plans/{code}/versions/{version:int}", GetPlanVersion).WithName("GetPlanVersion").WithSummary("One version of a plan");

        api.MapGroup("/platform/catalog").RequireAuthorization(Policies.PlatformAdmin).MapPlatformCatalogApi();
        return api;
    }

    public static async Task<Ok<IReadOnlyList<SlaTier>>> ListSlaTiers(CatalogStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListSlaTiersAsync(cancellationToken));

    public static async Task<Results<Ok<SlaTier>, ProblemHttpResult>> GetSlaTier(string code, CatalogStore store, CancellationToken cancellationToken) =>
        await store.GetSlaTierAsync(code, cancellationToken) is { } tier ? TypedResults.Ok(tier) : Problems.NotFound("sla-tier.not-found", "code");

    public static async Task<Ok<IReadOnlyList<OfferingResponse>>> ListOfferings(CatalogStore store, CancellationToken cancellationToken)
    {
        var offerings = new List<OfferingResponse>();
        foreach (var (kind, zh, en, engines) in Offerings)
        {
            var plans = new List<PlanVersion>();
            IReadOnlyList<PlanVersion> page;
            do
            {
                page = await store.ListPlansAsync(kind, null, plans.LastOrDefault()?.Code, Paging.MaxLimit, cancellationToken);
                plans.AddRange(page);
            }
            while (page.Count == Paging.MaxLimit);

            offerings.Add(new OfferingResponse(kind, zh, en, engines, plans));
        }

        return TypedResults.Ok<IReadOnlyList<OfferingResponse>>(offerings);
    }

    public static async Task<Results<Ok<Page<PlanVersion>>, ProblemHttpResult>> ListPlans(
        CatalogStore store, string? kind, string? status, string? after, int? limit, CancellationToken cancellationToken)
    {
        OfferingKind parsedKind = default;
        PlanStatus parsedStatus = default;
        var errors = new List<(string, string, object?[])>();
        if (kind is not null && !CatalogText.TryKind(kind, out parsedKind))
        {
            errors.Add(("kind", "plan.kind-invalid", []));
        }

        if (status is not null && !CatalogText.TryStatus(status, out parsedStatus))
        {
            errors.Add(("status", "plan.status-invalid", []));
        }

        if (!Paging.ValidLimit(limit))
        {
            errors.Add(("limit", "page.invalid", [Paging.MaxLimit]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var take = limit ?? 50;
        var items = await store.ListPlansAsync(kind is null ? null : parsedKind, status is null ? null : parsedStatus, after, take + 1, cancellationToken);
        var page = items.Take(take).ToList();
        return TypedResults.Ok(new Page<PlanVersion>(page, items.Count > take ? page[^1].Code : null));
    }

    public static async Task<Results<Ok<PlanVersion>, ProblemHttpResult>> GetPlan(string code, CatalogStore store, CancellationToken cancellationToken)
    {
        var plan = CatalogValidation.IsPlanCode(code) ? await store.GetPlanAsync(code, cancellationToken: cancellationToken) : null;
        return plan is null ? Problems.NotFound("plan.not-found", "code") : TypedResults.Ok(plan);
    }

    public static async Task<Results<Ok<IReadOnlyList<PlanVersion>>, ProblemHttpResult>> ListPlanVersions(
        string code, CatalogStore store, CancellationToken cancellationToken)
    {
        var versions = CatalogValidation.IsPlanCode(code) ? await store.ListVersionsAsync(code, cancellationToken) : [];
        return versions.Count == 0 ? Problems.NotFound("plan.not-found", "code") : TypedResults.Ok(versions);
    }

    public static async Task<Results<Ok<PlanVersion>, ProblemHttpResult>> GetPlanVersion(
        string code, int version, CatalogStore store, CancellationToken cancellationToken)
    {
        if (!CatalogValidation.IsPlanCode(code) || version < 1)
        {
            return Problems.NotFound("plan.not-found", "code");
        }

        if (await store.GetPlanAsync(code, version, cancellationToken) is { } plan)
        {
            return TypedResults.Ok(plan);
        }

        // Tell a plan that does not exist from a version it has not reached.
        return await store.GetPlanAsync(code, cancellationToken: cancellationToken) is null
            ? Problems.NotFound("plan.not-found", "code")
            : Problems.NotFound("plan.version-not-found", "version");
    }
}
