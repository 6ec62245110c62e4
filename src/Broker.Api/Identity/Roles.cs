namespace Broker.Api.Identity;

/// <summary>The roles a token can carry. Platform roles see every department; department roles only their own.</summary>
public static class Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string PlatformOperator = "platform-operator";
    public const string Finance = "finance";
    public const string Auditor = "auditor";
    public const string DeptAdmin = "dept-admin";
    public const string DeptMember = "dept-member";
    public const string DeptReader = "dept-reader";

    /// <summary>
    /// A service account for the Prometheus scraper: reads <c>/metrics</c> and nothing else. Not platform staff and not a
    /// department role, since the metrics carry every department's quota and spending.
    /// </summary>
    public const string MetricsReader = "metrics-reader";

    public static readonly string[] Platform = [PlatformAdmin, PlatformOperator, Finance, Auditor];
    public static readonly string[] Department = [DeptAdmin, DeptMember, DeptReader];
    public static readonly string[] All = [.. Platform, .. Department];

    /// <summary>Every role a token may carry: people's roles and the scraper's.</summary>
    public static readonly string[] Known = [.. All, MetricsReader];

    public static bool IsDepartmentRole(string role) => Department.Contains(role, StringComparer.Ordinal);
}
