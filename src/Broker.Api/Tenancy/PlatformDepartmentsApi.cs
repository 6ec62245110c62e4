using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using Broker.Silo.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Broker.Api.Tenancy;

/// <summary>The platform team's department administration: <c>/api/platform/departments</c>.</summary>
public static class PlatformDepartmentsApi
{
    public static RouteGroupBuilder MapPlatformDepartmentsApi(this RouteGroupBuilder platform)
    {
        var group = platform.MapGroup("/departments").WithTags("Platform: departments");
        group.MapGet("/", ListDepartments).WithName("ListDepartments").WithSummary("List departments (paged by code)");
        group.MapGet("/{code}", GetDepartment).WithName("GetDepartmentAsPlatform").WithSummary("A department with its quota");
        group.MapPost("/", CreateDepartment).WithName("CreateDepartment").WithSummary("Create a department with its quota")
            .RequireAuthorization(Policies.PlatformAdmin).WithIdempotencyKey();
        group.MapPut("/{code}", UpdateDepartment).WithName("UpdateDepartment").WithSummary("Replace a department's profile")
            .RequireAuthorization(Policies.PlatformAdmin);
        group.MapDelete("/{code}", DeleteDepartment).WithName("DeleteDepartment").WithSummary("Delete a department that holds nothing")
            .RequireAuthorization(Policies.PlatformAdmin);
        group.MapPut("/{code}/quota", SetQuota).WithName("SetDepartmentQuota").WithSummary("Replace a department's quota limits")
            .RequireAuthorization(Policies.PlatformAdmin).AddEndpointFilter<Capacity.OverbookingHeader>();
        return platform;
    }

    public static async Task<Results<Ok<Page<DepartmentSummary>>, ProblemHttpResult>> ListDepartments(
        DepartmentDirectory directory, string? status, string? parent, string? after, int? limit, CancellationToken cancellationToken)
    {
        DepartmentStatus parsed = default;
        if (status is not null && !DepartmentValidation.TryStatus(status, out parsed))
        {
            return Problems.Invalid("status", "status.invalid");
        }

        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        var take = limit ?? 50;
        var items = await directory.ListAsync(status is null ? null : parsed, parent, after, take + 1, cancellationToken);
        var page = items.Take(take).ToList();
        return TypedResults.Ok(new Page<DepartmentSummary>(page, items.Count > take ? page[^1].Code : null));
    }

    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> GetDepartment(
        string code, DepartmentServices services)
    {
        var view = DepartmentValidation.IsCode(code) ? await services.Grain(code).GetAsync() : null;
        return view is null ? Problems.NotFound("department.not-found", "code") : TypedResults.Ok(services.Response(view));
    }

    public static async Task<Results<Created<DepartmentResponse>, Ok<DepartmentResponse>, ProblemHttpResult>> CreateDepartment(
        CreateDepartmentRequest request, DepartmentServices services)
    {
        var errors = DepartmentValidation.Profile(request.NameZh, request.NameEn, request.ParentCode, request.BudgetCode, request.Contacts, request.Status, out var profile);
        if (!DepartmentValidation.IsCode(request.Code))
        {
            errors.Insert(0, ("code", request.Code is null ? "field.required" : "code.invalid", []));
        }

        errors.AddRange(services.Validation.Vector("quota", request.Quota ?? [], isLimit: true)
            .Select(e => (e.Field!, e.Code, new object?[] { e.Detail })));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await ParentProblem(request.Code!, profile!.ParentCode, services) is { } parentProblem)
        {
            return parentProblem;
        }

        var grain = services.Grain(request.Code!);
        var existed = await grain.GetAsync() is not null;
        var result = await grain.CreateAsync(profile, new QuotaVector(request.Quota ?? []), services.Context.Actor);
        if (result.Error is not null)
        {
            return Problems.From(result.Error);
        }

        var response = services.Response(result.Department!);
        return existed
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/platform/departments/{response.Code}", response);
    }

    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> UpdateDepartment(
        string code, UpdateDepartmentRequest request, DepartmentServices services)
    {
        if (!DepartmentValidation.IsCode(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var errors = DepartmentValidation.Profile(request.NameZh, request.NameEn, request.ParentCode, request.BudgetCode, request.Contacts, request.Status, out var profile);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await ParentProblem(code, profile!.ParentCode, services) is { } parentProblem)
        {
            return parentProblem;
        }

        var result = await services.Grain(code).UpdateProfileAsync(profile, services.Context.Actor);
        return result.Error is null ? TypedResults.Ok(services.Response(result.Department!)) : Problems.From(result.Error);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDepartment(string code, DepartmentServices services)
    {
        if (!DepartmentValidation.IsCode(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var error = await services.Grain(code).DeleteAsync(services.Context.Actor);
        return error is null ? TypedResults.NoContent() : Problems.From(error);
    }

    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> SetQuota(
        string code, SetQuotaRequest request, DepartmentServices services)
    {
        if (!DepartmentValidation.IsCode(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        if (request.Limits is null)
        {
            return Problems.Invalid("limits", "field.required");
        }

        var errors = services.Validation.Vector("limits", request.Limits, isLimit: true);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.Select(e => (e.Field!, e.Code, new object?[] { e.Detail })));
        }

        var result = await services.Grain(code).SetLimitsAsync(new QuotaVector(request.Limits), services.Context.Actor);
        return result.Error is null ? TypedResults.Ok(services.Response(result.Department!)) : Problems.From(result.Error);
    }

    private static async Task<ProblemHttpResult?> ParentProblem(string code, string? parent, DepartmentServices services)
    {
        if (parent is null)
        {
            return null;
        }

        if (parent == code)
        {
            return Problems.Invalid("parentCode", "parent.self");
        }

        return await services.Grain(parent).GetAsync() is null ? Problems.Invalid("parentCode", "parent.not-found") : null;
    }
}

/// <summary>What the department handlers need, bundled as one scoped service (handlers stay short).</summary>
public sealed class DepartmentServices(BrokerCallContext context, QuotaValidation validation, IOptions<QuotaOptions> quota)
{
    public BrokerCallContext Context { get; } = context;

    public QuotaValidation Validation { get; } = validation;

    public IDepartmentGrain Grain(string code) => Context.Grains.GetGrain<IDepartmentGrain>(code);

    public DepartmentResponse Response(DepartmentView view) => DepartmentResponse.From(view, quota.Value.Dimensions);

    public IEnumerable<QuotaDimension> Dimensions => quota.Value.Dimensions;
}
