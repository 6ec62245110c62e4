using Broker.Api.Identity;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>
/// Narrows the department audience group to the caller's own department. Another department's objects answer 404,
/// exactly as if they did not exist, so ids leak nothing. Platform staff may read any department but change none
/// through this group; department readers may only read.
/// </summary>
public sealed class DepartmentAccessFilter(IOptions<AuthOptions> auth) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var code = http.GetRouteValue("code") as string ?? "";
        var user = BrokerUser.From(http.User, auth.Value.DepartmentClaim);
        var isRead = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);

        if (user.BelongsTo(code))
        {
            return isRead || user.Has(Roles.DeptAdmin, Roles.DeptMember) ? await next(context) : Problems.Forbidden();
        }

        if (user.IsPlatformStaff)
        {
            return isRead ? await next(context) : Problems.Forbidden();
        }

        return Problems.NotFound("department.not-found", "code");
    }
}
