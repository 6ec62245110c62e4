using Microsoft.AspNetCore.Routing.Patterns;

namespace Broker.Api.Http;

/// <summary>
/// Which path parameter of a request is unsafe to hand to a handler. Every id and code the broker issues is visible
/// ASCII of at most 200 characters, so anything else (a space, a newline, a NUL, a 2,000-character value, a dot
/// segment) names nothing and is refused here, once, before it can reach a grain key or a SQL parameter.
/// </summary>
public static class RequestBounds
{
    /// <summary>The first parameter of <paramref name="pattern"/> whose value is unsafe, or null. Catch-alls (static files) are left to their handler.</summary>
    public static string? UnsafeRouteValue(RoutePattern pattern, RouteValueDictionary values, int maxLength)
    {
        foreach (var parameter in pattern.Parameters)
        {
            if (!parameter.IsCatchAll && values.TryGetValue(parameter.Name, out var value) && value is string text && !IsSafeRouteValue(text, maxLength))
            {
                return parameter.Name;
            }
        }

        return null;
    }

    public static bool IsSafeRouteValue(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && value is not ("." or "..") && value.All(c => c is >= '!' and <= '~');
}
