using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Api.Http;

/// <summary>
/// Turns what escapes a handler into problem+json: unreadable bodies become a 400 naming the JSON path that broke;
/// anything else a 503 without internals (it is logged with the correlation id instead).
/// </summary>
public sealed partial class BrokerExceptionHandler(ILogger<BrokerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var json = bad.InnerException as JsonException;
            var field = FieldFromPath(json?.Path);
            await Problems.Invalid(field, "json.malformed", field).ExecuteAsync(context);
            return true;
        }

        LogUnhandled(logger, exception, CorrelationIdMiddleware.Get(context));
        await Problems.Create(StatusCodes.Status503ServiceUnavailable, "unavailable", Localization.Messages.Get("unavailable")).ExecuteAsync(context);
        return true;
    }

    /// <summary><c>$.quota.vcpu</c> becomes <c>quota.vcpu</c>; no path means the body as a whole.</summary>
    public static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure (correlation {CorrelationId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
