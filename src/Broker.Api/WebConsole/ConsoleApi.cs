using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace Broker.Api.WebConsole;

/// <summary>
/// The web console under <c>/console/</c>: static files (HTML, one stylesheet, ES modules) embedded in this assembly,
/// so every way of running the broker (build output, publish, container) serves the same console without a content
/// root. The shell holds no data and is anonymous like <c>/scalar</c>; everything it shows comes from the authorized
/// API with the user's own bearer token, so the console can see exactly what its user could fetch by hand.
/// </summary>
public static class ConsoleApi
{
    private const string ResourcePrefix = "console/";

    // Scripts and styles only from this origin, no inline script, no framing: a token in sessionStorage is then out of
    // reach of injected markup, and the console cannot be embedded by another site to click on a user's behalf.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Assembly Assembly = typeof(ConsoleApi).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly HashSet<string> Files = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .ToHashSet(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/console/")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console/{**path}", Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The files the console is made of (for tests: each one is served).</summary>
    public static IReadOnlyCollection<string> FileNames => Files;

    private static IResult Serve(string? path, HttpContext context)
    {
        // The page's relative links (console.js, console.css) resolve against /console/, not /.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect("/console/");
        }

        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.Contains(name))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Small files that change with every release: always revalidate rather than risk a stale mix of modules.
        headers.CacheControl = "no-cache";
        var stream = Assembly.GetManifestResourceStream(ResourcePrefix + name)!;
        var type = ContentTypes.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
        {
            type += "; charset=utf-8";
        }

        return TypedResults.Stream(stream, type);
    }
}
