using Microsoft.AspNetCore.Authorization;

namespace Broker.Api.Identity;

/// <summary>Authorization policies set on the audience route groups.</summary>
public static class Policies
{
    /// <summary>Anyone on the platform team, finance or audit: read-only across departments.</summary>
    public const string PlatformStaff = "platform-staff";

    public const string PlatformAdmin = "platform-admin";

    /// <summary>Platform operators decide the platform level of order approvals.</summary>
    public const string PlatformOperator = "platform-operator";

    /// <summary>Platform admins and auditors: the whole audit trail (operators and finance read it scoped, see AuditScope).</summary>
    public const string AuditReader = "audit-reader";

    /// <summary>Finance: rate cards, imports, every department's statements, closing a month, exports, budgets and savings.</summary>
    public const string Finance = "finance";

    /// <summary>The scraper's service account and the platform team who run it: <c>/metrics</c>.</summary>
    public const string MetricsReader = "metrics-reader";

    /// <summary>Platform staff or any department role; the department filter then narrows to the route's department.</summary>
    public const string DepartmentAccess = "department-access";

    /// <summary>
    /// Any role of a person (platform or department): set on everything under <c>/api</c> but <c>/api/me</c>, so a token
    /// that names no known role (or only the scraper's) opens nothing but the question who it is.
    /// </summary>
    public const string AnyRole = "any-role";

    public static AuthorizationBuilder AddBrokerPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(PlatformStaff, p => p.RequireRole(Roles.Platform))
        .AddPolicy(PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin))
        .AddPolicy(PlatformOperator, p => p.RequireRole(Roles.PlatformOperator))
        .AddPolicy(AuditReader, p => p.RequireRole(Roles.PlatformAdmin, Roles.Auditor))
        .AddPolicy(Finance, p => p.RequireRole(Roles.Finance))
        .AddPolicy(MetricsReader, p => p.RequireRole(Roles.MetricsReader, Roles.PlatformAdmin, Roles.PlatformOperator))
        .AddPolicy(DepartmentAccess, p => p.RequireRole(Roles.All))
        .AddPolicy(AnyRole, p => p.RequireRole(Roles.All))
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
