using System.Net;

namespace Broker.Api.Tests.Hosting;

/// <summary>
/// The principals every authorization matrix runs through and the rule that says what each should get: anonymous 401;
/// a department user reaching into another department 404; a role without the right 403; everyone else success.
/// </summary>
public static class AuthorizationMatrix
{
    public sealed record Principal(string Name, string? Role, bool Own);

    public const string OtherDepartment = "other-dept";

    public static readonly Principal[] Principals =
    [
        new("anonymous", null, false),
        new("platform-admin", "platform-admin", false),
        new("platform-operator", "platform-operator", false),
        new("finance", "finance", false),
        new("auditor", "auditor", false),
        new("dept-admin/own", "dept-admin", true),
        new("dept-member/own", "dept-member", true),
        new("dept-reader/own", "dept-reader", true),
        new("dept-admin/other", "dept-admin", false),
        new("dept-reader/other", "dept-reader", false),
    ];

    public static readonly string[] Staff = ["platform-admin", "platform-operator", "finance", "auditor"];
    public static readonly string[] OwnReaders = [.. Staff, "dept-admin/own", "dept-member/own", "dept-reader/own"];
    public static readonly string[] OwnWriters = ["dept-admin/own", "dept-member/own"];
    public static readonly string[] Everyone = Principals.Where(p => p.Role is not null).Select(p => p.Name).ToArray();

    public static Principal Named(string name) => Principals.Single(p => p.Name == name);

    public static HttpClient ClientFor(BrokerApiFactory broker, Principal p, string ownDepartment) =>
        p.Role is null ? broker.Anonymous()
        : broker.As(p.Role, p.Role.StartsWith("dept-", StringComparison.Ordinal) ? (p.Own ? ownDepartment : OtherDepartment) : null);

    public static HttpStatusCode Expected(Principal p, string[] allowed, HttpStatusCode success, bool departmentScoped) =>
        p.Role is null ? HttpStatusCode.Unauthorized
        : allowed.Contains(p.Name) ? success
        : departmentScoped && p.Role.StartsWith("dept-", StringComparison.Ordinal) && !p.Own ? HttpStatusCode.NotFound
        : HttpStatusCode.Forbidden;
}
