using Broker.Api.Http;
using Broker.Contracts.Common;
using Broker.Contracts.Systems;
using Broker.Silo.Systems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Systems;

/// <summary>
/// A department's systems: <c>/api/departments/{code}/systems</c>. Mapped on the department group, so
/// <see cref="DepartmentAccessFilter"/> keeps callers inside their own department and readers read-only.
/// </summary>
public static class SystemsApi
{
    public static RouteGroupBuilder MapSystemsApi(this RouteGroupBuilder department)
    {
        var systems = department.MapGroup("/systems").WithTags("Department: systems");
        systems.MapGet("/", ListSystems).WithName("ListSystems").WithSummary("The department's systems (paged by id, filtered by status and category)");
        systems.MapGet("/{id}", GetSystem).WithName("GetSystem").WithSummary("One system: registration, declarations, review, envelope and allocations");
        systems.MapPut("/{id}", RegisterSystem).WithName("RegisterSystem")
            .WithSummary("Register a system for review, or re-submit it while proposed or rejected (the same content again changes nothing)");
        return department;
    }

    public static async Task<Results<Ok<Page<SystemSummary>>, ProblemHttpResult>> ListSystems(
        string code, BrokerCallContext context, SystemDirectory directory, string? status, string? category, string? after, int? limit,
        CancellationToken cancellationToken)
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

        if (!await context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var take = limit ?? 50;
        var items = await directory.ListAsync(code, parsedStatus, parsedCategory, after is null ? null : code, after, take + 1, cancellationToken);
        var page = items.Take(take).ToList();
        return TypedResults.Ok(new Page<SystemSummary>(page, items.Count > take ? page[^1].Id : null));
    }

    public static async Task<Results<Ok<SystemResponse>, ProblemHttpResult>> GetSystem(string code, string id, BrokerCallContext context)
    {
        var view = SystemKey.IsId(id) ? await context.Grains.GetSystem(new SystemKey(code, id)).GetAsync() : null;
        return view is null ? Problems.NotFound("system.not-found", "id") : TypedResults.Ok(SystemResponse.From(view));
    }

    public static async Task<Results<Created<SystemResponse>, Ok<SystemResponse>, ProblemHttpResult>> RegisterSystem(
        string code, string id, RegisterSystemRequest request, BrokerCallContext context)
    {
        var errors = SystemRequests.Registration(request, out var registration);
        if (!SystemKey.IsId(id))
        {
            errors.Insert(0, ("id", "system.id-invalid", []));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var grain = context.Grains.GetSystem(new SystemKey(code, id));
        var existed = await grain.GetAsync() is not null;
        var result = await grain.RegisterAsync(registration!, context.Actor);
        if (result.Error is not null)
        {
            return Problems.From(result.Error);
        }

        var response = SystemResponse.From(result.System!);
        return existed ? TypedResults.Ok(response) : TypedResults.Created($"/api/departments/{code}/systems/{id}", response);
    }
}
