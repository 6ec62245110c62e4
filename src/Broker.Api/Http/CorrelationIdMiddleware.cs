using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Broker.Api.Http;

/// <summary>
/// Takes the caller's X-Correlation-Id when it is sane, else the trace id, and echoes it, so that a support call can
/// be matched to audit rows.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "broker.correlation-id";

    public Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        var id = SaneId().IsMatch(given) ? given : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        return next(context);
    }

    public static string Get(HttpContext context) => context.Items[ItemKey] as string ?? context.TraceIdentifier;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}\\z")]
    private static partial Regex SaneId();
}
