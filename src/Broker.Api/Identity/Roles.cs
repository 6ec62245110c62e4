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

    public static readonly string[] Platform = [PlatformAdmin, PlatformOperator, Finance, Auditor];
    public static readonly string[] Department = [DeptAdmin, DeptMember, DeptReader];
    public static readonly string[] All = [.. Platform, .. Department];

    public static bool IsDepartmentRole(string role) => Department.Contains(role, StringComparer.Ordinal);
}
