using Broker.Api.Http;
using Broker.Contracts.Catalog;
using Broker.Silo.Catalog;
using Broker.Silo.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Catalog;

/// <summary>
/// Catalog administration, <c>/api/platform/catalog</c>: plans are created, versioned, deprecated and retired; SLA
/// tiers are edited. The caller maps this on a group that requires platform-admin.
/// </summary>
public static class PlatformCatalogApi
{
    public static RouteGroupBuilder MapPlatformCatalogApi(this RouteGroupBuilder catalog)
    {
        catalog.WithTags("Platform: catalog");
        catalog.MapPost("/plans", CreatePlan).WithName("CreatePlan").WithSummary("Create a plan (its version 1)").WithIdempotencyKey();
        catalog.MapPut("/plans/{code}", UpdatePlan).WithName("UpdatePlan").WithSummary("Make the next version of a plan; identical content changes nothing");
        catalog.MapPost("/plans/{code}/deprecate", DeprecatePlan).WithName("DeprecatePlan").WithSummary("Stop new orders of a plan; existing resources continue");
        catalog.MapPost("/plans/{code}/retire", RetirePlan).WithName("RetirePlan").WithSummary("Retire a plan: nothing new, shown as retired");
        catalog.MapPut("/sla-tiers/{code}", UpdateSlaTier).WithName("UpdateSlaTier").WithSummary("Replace an SLA tier's figures");
        return catalog;
    }

    public static async Task<Results<Created<PlanVersion>, Ok<PlanVersion>, ProblemHttpResult>> CreatePlan(
        CreatePlanRequest request, CatalogStore store, QuotaValidation quota, BrokerCallContext context, CancellationToken cancellationToken)
    {
        var errors = CatalogRequestValidation.Plan(request.ToContent(), null, quota, out var draft);
        if (!CatalogValidation.IsPlanCode(request.Code))
        {
            errors.Insert(0, ("code", request.Code is null ? "field.required" : "plan.code-invalid", []));
        }

        if (await ContentProblem(errors, draft, store, quota, cancellationToken) is { } problem)
        {
            return problem;
        }

        var result = await store.CreatePlanAsync(request.Code!, draft!, context.Actor, cancellationToken);
        if (result.Error is not null)
        {
            return Problems.From(result.Error);
        }

        return result.Changed
            ? TypedResults.Created($"/api/catalog/plans/{result.Value!.Code}", result.Value)
            : TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<Ok<PlanVersion>, ProblemHttpResult>> UpdatePlan(
        string code, PlanRequest request, CatalogStore store, QuotaValidation quota, BrokerCallContext context, CancellationToken cancellationToken)
    {
        var current = CatalogValidation.IsPlanCode(code) ? await store.GetPlanAsync(code, cancellationToken: cancellationToken) : null;
        if (current is null)
        {
            return Problems.NotFound("plan.not-found", "code");
        }

        var errors = CatalogRequestValidation.Plan(request, current.Kind, quota, out var draft);
        if (await ContentProblem(errors, draft, store, quota, cancellationToken) is { } problem)
        {
            return problem;
        }

        var result = await store.AddVersionAsync(code, draft!, context.Actor, cancellationToken);
        return result.Error is null ? TypedResults.Ok(result.Value!) : Problems.From(result.Error);
    }

    public static async Task<Results<Ok<PlanVersion>, ProblemHttpResult>> DeprecatePlan(
        string code, CatalogStore store, BrokerCallContext context, CancellationToken cancellationToken) =>
        Answer(CatalogValidation.IsPlanCode(code) ? await store.DeprecateAsync(code, context.Actor, cancellationToken) : null);

    public static async Task<Results<Ok<PlanVersion>, ProblemHttpResult>> RetirePlan(
        string code, CatalogStore store, BrokerCallContext context, CancellationToken cancellationToken) =>
        Answer(CatalogValidation.IsPlanCode(code) ? await store.RetireAsync(code, context.Actor, cancellationToken) : null);

    public static async Task<Results<Ok<SlaTier>, ProblemHttpResult>> UpdateSlaTier(
        string code, SlaTierRequest request, CatalogStore store, BrokerCallContext context, CancellationToken cancellationToken)
    {
        if (await store.GetSlaTierAsync(code, cancellationToken) is null)
        {
            return Problems.NotFound("sla-tier.not-found", "code");
        }

        var errors = CatalogRequestValidation.SlaTier(request, out var draft);
        if (draft is not null)
        {
            errors.AddRange(CatalogValidation.SlaTier(draft).Select(CatalogRequestValidation.Tuple));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await store.UpdateSlaTierAsync(code, draft!, context.Actor, cancellationToken);
        return result.Error is null ? TypedResults.Ok(result.Value!) : Problems.From(result.Error);
    }

    /// <summary>Shape errors first; with a complete draft, the content rules against the tiers that exist.</summary>
    private static async Task<ProblemHttpResult?> ContentProblem(
        List<(string Field, string Code, object?[] Args)> errors, PlanDraft? draft, CatalogStore store, QuotaValidation quota, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            var tiers = (await store.ListSlaTiersAsync(cancellationToken)).Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(CatalogValidation.Plan(draft, quota, tiers).Select(CatalogRequestValidation.Tuple));
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : null;
    }

    private static Results<Ok<PlanVersion>, ProblemHttpResult> Answer(CatalogResult<PlanVersion>? result) => result switch
    {
        null => Problems.NotFound("plan.not-found", "code"),
        { Error: { } error } => Problems.From(error),
        _ => TypedResults.Ok(result.Value!),
    };
}
