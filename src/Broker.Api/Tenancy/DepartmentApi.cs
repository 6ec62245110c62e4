using System.Text.RegularExpressions;
using Broker.Api.Http;
using Broker.Api.Quotas;
using Broker.Contracts.Quotas;
using Broker.Silo.Audit;
using Broker.Silo.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Api.Tenancy;

/// <summary>
/// A department's own view: <c>/api/departments/{code}</c> with its profile, quota, reservations and audit trail.
/// <see cref="DepartmentAccessFilter"/> on the group keeps every caller inside their own department.
/// </summary>
public static partial class DepartmentApi
{
    /// <summary>
    /// The only owner these routes act as: a department's tooling sees and changes its own holds, never those of its
    /// orders and resources, which answer 404 here as if they did not exist (issue 13, "Quota cannot be walked around").
    /// </summary>
    private const ReservationOwner Tooling = ReservationOwner.Department;

    public static RouteGroupBuilder MapDepartmentApi(this RouteGroupBuilder department)
    {
        department.MapGet("/", GetProfile).WithName("GetDepartment").WithSummary("The department's profile and quota").WithTags("Department");
        department.MapGet("/quota", GetQuota).WithName("GetQuota").WithSummary("Limits, used, reserved and available per dimension").WithTags("Department: quota");

        var reservations = department.MapGroup("/reservations").WithTags("Department: quota");
        reservations.MapGet("/", ListReservations).WithName("ListReservations").WithSummary("Held and committed reservations");
        reservations.MapPost("/", Reserve).WithName("CreateReservation").WithSummary("Reserve a quota vector, all or nothing").WithIdempotencyKey();
        reservations.MapGet("/{id}", GetReservation).WithName("GetReservation").WithSummary("One reservation, also after it finished");
        reservations.MapPost("/{id}/commit", Commit).WithName("CommitReservation").WithSummary("Move a held reservation into use");
        reservations.MapPost("/{id}/release", Release).WithName("ReleaseReservation").WithSummary("Give a held or committed reservation back");

        department.MapGet("/audit", GetAudit).WithName("GetDepartmentAudit").WithSummary("Audit entries about this department").WithTags("Department");
        return department;
    }

    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> GetProfile(string code, DepartmentServices services)
    {
        var view = await services.Grain(code).GetAsync();
        return view is null ? Problems.NotFound("department.not-found", "code") : TypedResults.Ok(services.Response(view));
    }

    public static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> GetQuota(string code, DepartmentServices services)
    {
        var view = await services.Grain(code).GetQuotaAsync();
        return view is null ? Problems.NotFound("department.not-found", "code") : TypedResults.Ok(QuotaResponse.From(view, services.Dimensions));
    }

    public static async Task<Results<Ok<IReadOnlyList<ReservationResponse>>, ProblemHttpResult>> ListReservations(string code, DepartmentServices services)
    {
        if (await services.Grain(code).GetAsync() is null)
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var list = await services.Grain(code).ListReservationsAsync(Tooling);
        return TypedResults.Ok<IReadOnlyList<ReservationResponse>>(list.Select(ReservationResponse.From).ToList());
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult>> Reserve(
        string code, ReservationRequestBody request, DepartmentServices services, IOptions<QuotaOptions> options)
    {
        var key = services.Context.Http.Request.Headers[IdempotencyMiddleware.Header].ToString();
        var id = request.Id ?? (key.Length > 0 ? key : Guid.NewGuid().ToString("n"));
        var errors = new List<(string, string, object?[])>();
        if (!ReservationId().IsMatch(id))
        {
            errors.Add(("id", "reservation.id-invalid", []));
        }

        errors.AddRange(services.Validation.Vector("vector", request.Vector, isLimit: false).Select(e => (e.Field!, e.Code, new object?[] { e.Detail })));
        var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.DefaultReservationTtl;
        if (services.Validation.Ttl("ttlSeconds", ttl) is { } ttlError)
        {
            errors.Add((ttlError.Field!, ttlError.Code, [options.Value.MaxReservationTtl]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await services.Grain(code).ReserveAsync(new ReservationRequest(id, new QuotaVector(request.Vector!), ttl), Tooling, services.Context.Actor);
        if (result.Error is not null)
        {
            return Problems.From(result.Error, result.Reservation?.Shortfalls);
        }

        var response = ReservationResponse.From(result.Reservation!);
        return result.Replayed
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/departments/{code}/reservations/{Uri.EscapeDataString(id)}", response);
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetReservation(string code, string id, DepartmentServices services)
    {
        var view = await services.Grain(code).GetReservationAsync(id, Tooling);
        return view is null ? Problems.NotFound("reservation.not-found", "id") : TypedResults.Ok(ReservationResponse.From(view));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Commit(string code, string id, DepartmentServices services)
    {
        var result = await services.Grain(code).CommitAsync(id, Tooling, services.Context.Actor);
        return result.Error is null ? TypedResults.Ok(ReservationResponse.From(result.Reservation!)) : Problems.From(result.Error);
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Release(string code, string id, DepartmentServices services)
    {
        var result = await services.Grain(code).ReleaseAsync(id, Tooling, services.Context.Actor);
        return result.Error is null ? TypedResults.Ok(ReservationResponse.From(result.Reservation!)) : Problems.From(result.Error);
    }

    public static async Task<Results<Ok<Page<AuditRecord>>, ProblemHttpResult>> GetAudit(
        string code, AuditLog audit, BrokerCallContext context, string? actor, string? objectType, string? objectId, DateTimeOffset? from, DateTimeOffset? to,
        long? before, int? limit, CancellationToken cancellationToken)
    {
        if (!Audit.AuditScope.Allows(context.User, code, objectType))
        {
            return Audit.AuditApi.OutOfScope(context.User);
        }

        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        return TypedResults.Ok(await Audit.AuditApi.QueryPage(audit, new AuditQuery(code, actor, objectType, objectId, from, to, before, limit ?? 50), cancellationToken));
    }

    [GeneratedRegex("^[\\x21-\\x7e]{1,200}\\z")]
    private static partial Regex ReservationId();
}
