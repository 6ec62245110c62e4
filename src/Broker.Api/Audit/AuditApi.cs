using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Api.Localization;
using Broker.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Audit;

/// <summary>
/// The platform-wide audit trail, <c>/api/platform/audit</c>: whole for platform admins and auditors, scoped to their
/// work's object types for operators and finance (<see cref="AuditScope"/>).
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder platform)
    {
        platform.MapGet("/audit", GetAudit).WithName("GetAudit").WithSummary("Audit entries filtered by department, actor, object and time")
            .WithTags("Platform: audit");
        platform.MapGet("/audit/verify", VerifyAudit).WithName("VerifyAudit")
            .WithSummary("Recompute every audit row's hash and walk every chain: the first broken link, or that all rows verify")
            .WithTags("Platform: audit").RequireAuthorization(Policies.AuditReader);
        return platform;
    }

    public static async Task<Results<Ok<Page<AuditRecord>>, ProblemHttpResult>> GetAudit(
        AuditLog audit, BrokerCallContext context, string? department, string? actor, string? objectType, string? objectId, DateTimeOffset? from, DateTimeOffset? to,
        long? before, int? limit, CancellationToken cancellationToken)
    {
        if (!AuditScope.Allows(context.User, department: null, objectType))
        {
            return OutOfScope(context.User);
        }

        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        return TypedResults.Ok(await QueryPage(audit, new AuditQuery(department, actor, objectType, objectId, from, to, before, limit ?? 50), cancellationToken));
    }

    public static async Task<Ok<AuditVerification>> VerifyAudit(AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(cancellationToken));

    public static async Task<Page<AuditRecord>> QueryPage(AuditLog audit, AuditQuery query, CancellationToken cancellationToken)
    {
        var rows = await audit.QueryAsync(query with { Limit = query.Limit + 1 }, cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        return new Page<AuditRecord>(page, rows.Count > query.Limit ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>403 naming the object types the caller may ask for instead.</summary>
    public static ProblemHttpResult OutOfScope(BrokerUser user) =>
        Problems.Create(StatusCodes.Status403Forbidden, AuditScope.OutOfScope, Messages.Get(AuditScope.OutOfScope, string.Join(", ", AuditScope.ObjectTypesOf(user))),
            new Dictionary<string, object?> { ["field"] = "objectType" });
}
