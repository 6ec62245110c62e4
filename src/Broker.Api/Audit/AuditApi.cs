using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Audit;

/// <summary>The whole audit trail for platform admins and auditors: <c>/api/platform/audit</c>.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder platform)
    {
        platform.MapGet("/audit", GetAudit).WithName("GetAudit").WithSummary("Audit entries filtered by department, actor, object and time")
            .WithTags("Platform: audit").RequireAuthorization(Policies.AuditReader);
        platform.MapGet("/audit/verify", VerifyAudit).WithName("VerifyAudit")
            .WithSummary("Recompute every audit row's hash and walk every chain: the first broken link, or that all rows verify")
            .WithTags("Platform: audit").RequireAuthorization(Policies.AuditReader);
        return platform;
    }

    public static async Task<Results<Ok<Page<AuditRecord>>, ProblemHttpResult>> GetAudit(
        AuditLog audit, string? department, string? actor, string? objectType, string? objectId, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit,
        CancellationToken cancellationToken)
    {
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
}
