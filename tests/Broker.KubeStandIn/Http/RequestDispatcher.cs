using System.Text;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Faults;
using Broker.KubeStandIn.Requests;
using Broker.KubeStandIn.Storage;
using Microsoft.AspNetCore.Http;

namespace Broker.KubeStandIn.Http;

/// <summary>Turns HTTP requests into API calls: routing, fault injection, the request log, JSON out, watch streams.</summary>
internal sealed class RequestDispatcher(ObjectStore store, ApiServer api, FaultInjector faults, RequestLog log, TimeProvider clock, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request);
        var target = RequestTarget.Parse(http.Request.Path.Value ?? "/");
        var info = Describe(http.Request, target);

        if (faults.Take(info, FaultTiming.BeforeHandling) is { } early)
        {
            await RespondAsync(http, info, Statuses.ForCode(early.StatusCode, early.Message).Status, early.StatusCode, injected: true);
            return;
        }

        if (target is null)
        {
            var discovery = Discovery.Answer(http.Request.Path.Value ?? "/", api.Catalog);
            var answer = discovery ?? Statuses.PathNotFound().Status;
            await RespondAsync(http, info, answer, discovery is null ? 404 : 200, injected: false);
            return;
        }

        var query = QueryOptions.From(name => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null);
        var manager = DefaultManager(http.Request.Headers.UserAgent.ToString());
        if (info.Verb == "watch")
        {
            await WatchAsync(http, info, target, query, manager);
            return;
        }

        int code;
        string json;
        using (store.Hold())
        {
            var result = api.Handle(info.Verb, target, query, info.ContentType, body, manager);
            (code, json) = (result.Code, result.Body.ToJsonString());
        }

        if (faults.Take(info, FaultTiming.AfterHandling) is { } late)
        {
            await RespondAsync(http, info, Statuses.ForCode(late.StatusCode, late.Message).Status, late.StatusCode, injected: true);
            return;
        }

        await WriteAsync(http, code, json);
        log.Add(new LoggedRequest(info, code, Injected: false));
    }

    private async Task WatchAsync(HttpContext http, StandInRequest info, RequestTarget target, QueryOptions query, string manager)
    {
        WatchSession session;
        try
        {
            using (store.Hold())
            {
                session = new WatchSession(store, api.Resolve(target, query, info.ContentType, string.Empty, manager));
            }
        }
        catch (ApiException e)
        {
            await RespondAsync(http, info, e.Status, e.Code, injected: false);
            return;
        }

        using var timeout = query.TimeoutSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), clock) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping, timeout.Token);
        try
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            await http.Response.StartAsync(CancellationToken.None);
            log.Add(new LoggedRequest(info, 200, Injected: false));

            // Only waiting is cancelled: a cancelled write would make Kestrel abort the stream instead of ending it.
            await foreach (var line in session.Lines.ReadAllAsync(linked.Token))
            {
                await http.Response.WriteAsync(line + "\n", Encoding.UTF8, CancellationToken.None);
                await http.Response.Body.FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left, the timeout ran out or the stand-in is stopping: the watch ends as a real one would.
        }
        catch (IOException)
        {
            // The client went away mid-write.
        }
        finally
        {
            using (store.Hold())
            {
                session.Dispose();
            }
        }
    }

    private async Task RespondAsync(HttpContext http, StandInRequest info, JsonObject status, int code, bool injected)
    {
        if (code == 429)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        await WriteAsync(http, code, status.ToJsonString());
        log.Add(new LoggedRequest(info, code, injected));
    }

    private static async Task WriteAsync(HttpContext http, int code, string json)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, Encoding.UTF8);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static StandInRequest Describe(HttpRequest request, RequestTarget? target)
    {
        var contentType = request.ContentType?.Split(';')[0].Trim();
        var watch = request.Query.TryGetValue("watch", out var w) && w.ToString() is "true" or "1";
        var verb = target is null ? "discovery" : (request.Method, target.Name is null) switch
        {
            ("GET", true) => watch ? "watch" : "list",
            ("GET", false) => watch ? "watch" : "get",
            ("POST", _) => "create",
            ("PUT", _) => "update",
            ("PATCH", _) => "patch",
            ("DELETE", true) => "deletecollection",
            ("DELETE", false) => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return new StandInRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            contentType,
            verb,
            target?.Group ?? string.Empty,
            target?.Plural,
            target?.Namespace,
            target?.Name,
            target?.Subresource);
    }

    // Kubernetes names an unnamed manager after the client: the user agent up to its first '/'.
    private static string DefaultManager(string userAgent)
    {
        var product = userAgent.Split('/', 2)[0].Trim();
        return product.Length == 0 ? "unknown" : product;
    }
}
