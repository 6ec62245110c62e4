using Broker.Api.Http;
using Broker.Silo.Quotas;
using Microsoft.Extensions.Options;

namespace Broker.Api.Hosting;

/// <summary>
/// Small read-only endpoints: <c>/api/me</c> for any valid token (even one without a known role, so the console can
/// say why nothing opens), <c>/api/quota-dimensions</c> for anyone holding a role.
/// </summary>
public static class WhoAmIApi
{
    public static RouteGroupBuilder MapWhoAmIApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me).WithName("WhoAmI").WithSummary("The caller's subject, roles and department").WithTags("Identity");
        api.MapGet("/quota-dimensions", Dimensions).WithName("ListQuotaDimensions").WithSummary("The quota dimensions this platform uses").WithTags("Identity")
            .RequireAuthorization(Identity.Policies.AnyRole);
        return api;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.Ok<MeResponse> Me(BrokerCallContext context)
    {
        var user = context.User;
        return TypedResults.Ok(new MeResponse(user.Subject, user.Name, user.Roles.Order(StringComparer.Ordinal).ToList(), user.Department));
    }

    public static Microsoft.AspNetCore.Http.HttpResults.Ok<List<QuotaDimension>> Dimensions(IOptions<QuotaOptions> options) =>
        TypedResults.Ok(options.Value.Dimensions);

    public sealed record MeResponse(string Subject, string? Name, IReadOnlyList<string> Roles, string? Department);
}
