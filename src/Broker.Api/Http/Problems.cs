using System.Diagnostics;
using Broker.Api.Localization;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Http;

/// <summary>RFC 9457 problem+json answers with a stable <c>code</c>, the offending field, and localized text.</summary>
public static class Problems
{
    public static ProblemHttpResult Invalid(string field, string code, params object?[] args) =>
        Invalid([(field, code, args)]);

    public static ProblemHttpResult Invalid(IEnumerable<(string Field, string Code, object?[] Args)> errors)
    {
        var list = errors.ToList();
        var first = list[0];
        return Create(StatusCodes.Status400BadRequest, first.Code, Messages.Get(first.Code, first.Args), new Dictionary<string, object?>
        {
            ["errors"] = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Messages.Get(e.Code, e.Args)).ToArray()),
        });
    }

    /// <summary>A 404; <paramref name="field"/> names the path parameter or field whose value was not found.</summary>
    public static ProblemHttpResult NotFound(string code = "not-found", string? field = null) =>
        Create(StatusCodes.Status404NotFound, code, Messages.Get(code), field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "forbidden", Messages.Get("forbidden"));

    public static ProblemHttpResult Conflict(string code, string? field = null, params object?[] args) =>
        Create(StatusCodes.Status409Conflict, code, Messages.Get(code, args), field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>Maps a grain's refusal to its HTTP answer.</summary>
    public static ProblemHttpResult From(BrokerError error, IReadOnlyList<Shortfall>? shortfalls = null) => error.Kind switch
    {
        BrokerErrorKind.Invalid => Invalid(error.Field ?? "body", error.Code, error.Detail),
        BrokerErrorKind.NotFound => NotFound(error.Code, error.Field),
        BrokerErrorKind.Denied => Create(StatusCodes.Status409Conflict, error.Code,
            Messages.Get(error.Code, string.Join(", ", (shortfalls ?? []).Select(s => $"{s.Dimension} -{s.Missing}")), error.Detail),
            new Dictionary<string, object?> { ["field"] = error.Field, ["shortfalls"] = shortfalls }),
        _ => Conflict(error.Code, error.Field, error.Detail),
    };

    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = code,
            ["traceId"] = Activity.Current?.TraceId.ToString(),
        };
        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: Messages.Get(status switch { 401 => "authentication.required", 403 => "forbidden", 404 => "not-found", 409 => "conflict", 429 => "too-many-requests", < 500 => "request.invalid", _ => "unavailable" }),
            type: $"https://broker.gov.local/problems/{code}",
            extensions: all);
    }
}
