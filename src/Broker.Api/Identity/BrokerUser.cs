using System.Security.Claims;
using Broker.Contracts.Common;

namespace Broker.Api.Identity;

/// <summary>What the API needs to know about the caller, read once from the validated token.</summary>
public sealed record BrokerUser(string Subject, string? Name, IReadOnlySet<string> Roles, string? Department)
{
    public static BrokerUser From(ClaimsPrincipal principal, string departmentClaim)
    {
        var identity = principal.Identity as ClaimsIdentity;
        var roleType = identity?.RoleClaimType ?? ClaimTypes.Role;
        return new BrokerUser(
            principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
            principal.FindFirstValue("name"),
            principal.FindAll(roleType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirstValue(departmentClaim));
    }

    public bool IsPlatformStaff => Identity.Roles.Platform.Any(Roles.Contains);

    public bool Has(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>True when the caller holds a department role for <paramref name="code"/>.</summary>
    public bool BelongsTo(string code) => Department == code && Identity.Roles.Department.Any(Roles.Contains);

    public Actor ToActor(string correlationId) => new(Subject, Name, correlationId);
}
