using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>
/// Turns what escapes a handler into problem+json: a request the framework could not bind becomes a 4xx naming the
/// field (the JSON path that broke, the unknown field, the parameter), a body past its limit a 413; a cluster that
/// could not take the call (<see cref="ClusterFailures"/>) a 503 with Retry-After; anything else a 503 without
/// internals (it is logged with the correlation id instead).
/// </summary>
public sealed partial class BrokerExceptionHandler(ILogger<BrokerExceptionHandler> logger, IOptions<RequestLimitsOptions> limits) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            await ForBadRequest(context, bad).ExecuteAsync(context);
            return true;
        }

        if (ClusterFailures.IsTransient(exception))
        {
            LogClusterUnavailable(logger, exception.GetType().Name, exception.Message, CorrelationIdMiddleware.Get(context));
        }
        else
        {
            LogUnhandled(logger, exception, CorrelationIdMiddleware.Get(context));
        }

        // Either the cluster could not take the call or, mostly, PostgreSQL is not answering (paused, failing over): tell
        // the caller when to try again rather than leave it to guess (docs/reliability.md, database outage drill).
        context.Response.Headers.RetryAfter = ClusterFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await Problems.Create(StatusCodes.Status503ServiceUnavailable, "unavailable", Localization.Messages.Get("unavailable")).ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult ForBadRequest(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestLimitsMiddleware.TooLarge(RequestLimitsMiddleware.LimitFor(context, limits.Value));
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "request.unsupported-media-type",
                Localization.Messages.Get("request.unsupported-media-type"), new Dictionary<string, object?> { ["field"] = "Content-Type" });
        }

        if (bad.InnerException is JsonException json)
        {
            var field = FieldFromPath(json.Path);
            return IsUnknownField(json) ? Problems.Invalid(field, "json.unknown-field", field) : Problems.Invalid(field, "json.malformed", field);
        }

        // The framework's own binding failures name the parameter only in their message (Http/RequestBindingTests pins them).
        var message = bad.Message;
        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.EndsWith("was not provided from body.", StringComparison.Ordinal))
        {
            return Problems.Invalid("body", "body.required");
        }

        return ParameterInMessage().Match(message) is { Success: true } match
            ? message.StartsWith("Required parameter", StringComparison.Ordinal)
                ? Problems.Invalid(match.Groups["name"].Value, "field.required")
                : Problems.Invalid(match.Groups["name"].Value, "parameter.invalid", match.Groups["name"].Value)
            : Problems.Invalid("body", "request.invalid");
    }

    /// <summary><c>$.quota.vcpu</c> becomes <c>quota.vcpu</c>; no path means the body as a whole.</summary>
    public static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    /// <summary>
    /// System.Text.Json reports a property that maps to no member (UnmappedMemberHandling.Disallow) only through its
    /// message; the path already ends at that property. Http/RequestBindingTests pins the wording.
    /// </summary>
    private static bool IsUnknownField(JsonException json) =>
        json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal);

    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\"")]
    private static partial Regex ParameterInMessage();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster could not take a call ({Kind}: {Reason}); answered 503 (correlation {CorrelationId})")]
    private static partial void LogClusterUnavailable(ILogger logger, string kind, string reason, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure (correlation {CorrelationId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
