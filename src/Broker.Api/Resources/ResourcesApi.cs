using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Resources;
using Broker.Silo.Catalog;
using Broker.Silo.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Resources;

/// <summary>A department's VMs and databases: <c>/api/departments/{code}/resources</c>.</summary>
public static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this RouteGroupBuilder department)
    {
        var resources = department.MapGroup("/resources").WithTags("Department: resources");
        resources.MapGet("/", ListResources).WithName("ListResources").WithSummary("Resources, filtered by state, system and kind");
        resources.MapGet("/{id}", GetResource).WithName("GetResource").WithSummary("One resource with its state, lease and connection outputs");
        resources.MapPost("/{id}/resize", Resize).WithName("ResizeResource").WithSummary("Move to another plan of the same kind");
        resources.MapPost("/{id}/stop", Stop).WithName("StopResource").WithSummary("Stop a VM");
        resources.MapPost("/{id}/start", Start).WithName("StartResource").WithSummary("Start a stopped VM");
        resources.MapPost("/{id}/retry", Retry).WithName("RetryResource").WithSummary("Provision a failed resource again");
        resources.MapDelete("/{id}", Delete).WithName("DeleteResource").WithSummary("Delete; quota is released once the backend confirms");
        resources.MapPost("/{id}/credentials", IssueCredentials).WithName("IssueDatabaseCredentials")
            .WithSummary("A database's connection details with a new password, shown once; again is a reset (dept-admin)");
        resources.MapPut("/{id}/lease", SetLease).WithName("SetResourceLease").WithSummary("Move the lease end (dept-admin); leaseEnd is required");
        resources.MapDelete("/{id}/lease", RemoveLease).WithName("RemoveResourceLease").WithSummary("Remove the lease: the resource runs until deleted (dept-admin)");
        return department;
    }

    public static async Task<Results<Ok<Page<ResourceView>>, ProblemHttpResult>> ListResources(
        string code, string? state, string? system, string? kind, string? after, int? limit, ResourceDirectory directory, BrokerCallContext context)
    {
        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        if (kind is not null and not ("vm" or "database"))
        {
            return Problems.Invalid("kind", "field.invalid");
        }

        var take = limit ?? 50;
        var ids = await directory.ListAsync(code, state, system, kind, after, take + 1, context.Aborted);
        var views = new List<ResourceView>();
        foreach (var id in ids.Take(take))
        {
            if (await context.Grains.GetGrain<IResourceGrain>(id).GetAsync() is { } view)
            {
                views.Add(view);
            }
        }

        return TypedResults.Ok(new Page<ResourceView>(views, ids.Count > take ? ids[take - 1] : null));
    }

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> GetResource(string code, string id, BrokerCallContext context) =>
        await Own(code, id, context) is { } view ? TypedResults.Ok(view) : Problems.NotFound("resource.not-found", "id");

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Resize(string code, string id, ResizeBody body, CatalogStore catalog, BrokerCallContext context)
    {
        if (await Own(code, id, context) is not { } current)
        {
            return Problems.NotFound("resource.not-found", "id");
        }

        if (string.IsNullOrWhiteSpace(body.PlanCode))
        {
            return Problems.Invalid("planCode", "field.required");
        }

        var plan = CatalogValidation.IsPlanCode(body.PlanCode) ? await catalog.GetPlanAsync(body.PlanCode, null, context.Aborted) : null;
        var kind = current.Spec.Kind == ResourceKind.Vm ? OfferingKind.Vm : OfferingKind.Database;
        if (plan is null || plan.Kind != kind)
        {
            return Problems.Invalid("planCode", "order.plan-unknown");
        }

        if (plan.Status != PlanStatus.Active)
        {
            return Problems.Conflict("order.plan-not-orderable", "planCode", plan.Status);
        }

        if (!plan.SlaTiers.Contains(current.Spec.SlaTier, StringComparer.Ordinal))
        {
            return Problems.Invalid("planCode", "order.sla-tier-not-offered", string.Join(", ", plan.SlaTiers));
        }

        var spec = ResourceSpecs.From(plan, current.Spec.SlaTier, current.Spec.Image, current.Spec.DatabaseName);
        return Answer(await context.Grains.GetGrain<IResourceGrain>(id).ResizeAsync(spec, context.Actor));
    }

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Stop(string code, string id, BrokerCallContext context) =>
        await Own(code, id, context) is null ? Problems.NotFound("resource.not-found", "id") : Answer(await context.Grains.GetGrain<IResourceGrain>(id).StopAsync(context.Actor));

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Start(string code, string id, BrokerCallContext context) =>
        await Own(code, id, context) is null ? Problems.NotFound("resource.not-found", "id") : Answer(await context.Grains.GetGrain<IResourceGrain>(id).StartAsync(context.Actor));

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Retry(string code, string id, BrokerCallContext context) =>
        await Own(code, id, context) is null ? Problems.NotFound("resource.not-found", "id") : Answer(await context.Grains.GetGrain<IResourceGrain>(id).RetryAsync(context.Actor));

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Delete(string code, string id, BrokerCallContext context) =>
        await Own(code, id, context) is null ? Problems.NotFound("resource.not-found", "id") : Answer(await context.Grains.GetGrain<IResourceGrain>(id).DeleteAsync(context.Actor));

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> SetLease(string code, string id, LeaseBody body, BrokerCallContext context)
    {
        if (!context.User.Has(Roles.DeptAdmin))
        {
            return Problems.Forbidden();
        }

        // A body without a date (a misspelt field, an explicit null) used to remove the lease; removing is DELETE now.
        if (body.LeaseEnd is not { } end)
        {
            return Problems.Invalid("leaseEnd", "field.required");
        }

        return await ChangeLeaseAsync(code, id, end, context);
    }

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> RemoveLease(string code, string id, BrokerCallContext context) =>
        context.User.Has(Roles.DeptAdmin) ? await ChangeLeaseAsync(code, id, null, context) : Problems.Forbidden();

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> ChangeLeaseAsync(string code, string id, DateTimeOffset? end, BrokerCallContext context) =>
        await Own(code, id, context) is null
            ? Problems.NotFound("resource.not-found", "id")
            : Answer(await context.Grains.GetGrain<IResourceGrain>(id).ExtendLeaseAsync(end, context.Actor));

    public static async Task<Results<Ok<DatabaseAccess>, ProblemHttpResult>> IssueCredentials(string code, string id, BrokerCallContext context)
    {
        if (await Own(code, id, context) is null)
        {
            return Problems.NotFound("resource.not-found", "id");
        }

        var result = await context.Grains.GetGrain<IResourceGrain>(id).IssueDatabaseAccessAsync(context.Actor, context.User.Has(Roles.DeptAdmin));
        return result.Error switch
        {
            null => TypedResults.Ok(result.Access!),
            { Kind: Contracts.Common.BrokerErrorKind.Denied } => Problems.Forbidden(),
            var error => Problems.From(error),
        };
    }

    /// <summary>The resource if it belongs to <paramref name="code"/>; another department's resource does not exist here.</summary>
    private static async Task<ResourceView?> Own(string code, string id, BrokerCallContext context) =>
        await context.Grains.GetGrain<IResourceGrain>(id).GetAsync() is { } view && view.Department == code ? view : null;

    private static Results<Ok<ResourceView>, ProblemHttpResult> Answer(ResourceResult result) =>
        result.Error is null ? TypedResults.Ok(result.Resource!) : Problems.From(result.Error);
}
