using Broker.Api.Identity;

namespace Broker.Api.Http.RateLimiting;

/// <summary>
/// Which buckets a request draws from, decided from the request alone (a pure function, tested without a server).
/// The department is the token's claim, never the route's <c>{code}</c>: the route is the caller's to choose, so a
/// member of one department aiming at another's routes would otherwise spend that department's budget, and a
/// flooding department would lock platform staff out of its pages.
/// </summary>
public readonly record struct CallerPartition(RequestClass Class, string? Department, string Subject)
{
    /// <summary>The class of a request, or <see cref="RequestClass.Unlimited"/> for cheap reads and unsigned requests.</summary>
    public static CallerPartition Of(string method, bool expensiveRead, BrokerUser? user)
    {
        if (user is null)
        {
            return new CallerPartition(RequestClass.Unlimited, null, "");
        }

        var kind = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)
            ? RequestClass.Write
            : expensiveRead ? RequestClass.ExpensiveRead : RequestClass.Unlimited;
        return new CallerPartition(kind, string.IsNullOrEmpty(user.Department) ? null : user.Department, user.Subject);
    }

    /// <summary>The department as a metric label: staff without a department are counted together.</summary>
    public string DepartmentLabel => Department ?? "none";

    public string ClassLabel => Class == RequestClass.Write ? "write" : "read";
}

public enum RequestClass
{
    Unlimited,
    Write,
    ExpensiveRead,
}
