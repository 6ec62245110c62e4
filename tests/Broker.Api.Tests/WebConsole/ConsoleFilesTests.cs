using System.Net;
using System.Text.RegularExpressions;
using Broker.Api.WebConsole;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.WebConsole;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleFilesTests(ConsoleHost host)
{
    [Fact]
    public async Task The_root_and_the_bare_console_path_lead_to_the_console()
    {
        // A client of our own: the factory's clients follow redirects on a Kestrel host whatever their options say.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseAddress) };
        foreach (var path in new[] { "/", "/console" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/console/", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Every_console_file_is_served_anonymously_under_a_policy_that_runs_only_the_consoles_own_scripts()
    {
        using var client = host.Anonymous();
        Assert.Contains("index.html", ConsoleApi.FileNames);
        Assert.Contains("console.js", ConsoleApi.FileNames);
        foreach (var name in ConsoleApi.FileNames)
        {
            using var response = await client.GetAsync($"/console/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        using var page = await client.GetAsync("/console/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var script = await client.GetAsync("/console/console.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_path_that_is_not_a_console_file_is_not_found()
    {
        using var client = host.Anonymous();
        using var missing = await client.GetAsync("/console/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var resourceName = await client.GetAsync("/console/console%2Fconsole.js");
        Assert.Equal(HttpStatusCode.NotFound, resourceName.StatusCode);
    }

    [Fact]
    public void The_console_adds_no_anonymous_route_under_the_api()
    {
        // The console's shell is anonymous; its data is not. Every anonymous route is a probe, the API's description,
        // or the console's static files, and none of them is under /api.
        var anonymous = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
        Assert.Contains("/console/{**path}", anonymous);
        Assert.All(anonymous, route => Assert.False(route.StartsWith("/api", StringComparison.Ordinal), route));
        Assert.All(anonymous, route => Assert.Matches(@"^/($|console|healthz|readyz|openapi|scalar|metrics)", route));
    }

    [Fact]
    public void No_console_script_writes_markup_or_runs_inline_code()
    {
        // Text from the API (names, messages) must reach the page as text only; the CSP forbids inline script anyway.
        var assembly = typeof(ConsoleApi).Assembly;
        foreach (var name in ConsoleApi.FileNames)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream("console/" + name)!);
            var text = reader.ReadToEnd();
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("eval(", text, StringComparison.Ordinal);
            if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(new Regex(@"\son[a-z]+\s*="), text);
            }
        }
    }
}
