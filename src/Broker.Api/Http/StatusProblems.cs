namespace Broker.Api.Http;

/// <summary>
/// The code of an error answer that no handler wrote a body for (an unknown route, a method not allowed, a missing
/// token, a role without the right): the status alone decides it, so every such answer is still problem+json.
/// </summary>
public static class StatusProblems
{
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication.required",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "route.not-found",
        StatusCodes.Status405MethodNotAllowed => "request.method-not-allowed",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported-media-type",
        < 500 => "request.invalid",
        _ => "unavailable",
    };

    /// <summary>Answers an empty error response (<c>UseStatusCodePages</c>) with problem+json, keeping its headers (Allow, WWW-Authenticate).</summary>
    public static Task WriteAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var code = CodeFor(status);
        var field = status == StatusCodes.Status415UnsupportedMediaType ? new Dictionary<string, object?> { ["field"] = "Content-Type" } : null;
        return Problems.Create(status, code, Localization.Messages.Get(code), field).ExecuteAsync(context.HttpContext);
    }
}
