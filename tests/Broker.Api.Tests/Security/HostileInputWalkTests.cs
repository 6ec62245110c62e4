using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Security;

/// <summary>
/// Walks every operation of <c>/openapi/v1.json</c> as an attacker holding valid tokens would: hostile path
/// segments, query values and bodies. The broker must never answer 5xx, must answer every 4xx as problem+json with a
/// <c>code</c>, and must change nothing: the department's quota, orders, resources and audit trail and the platform's
/// audit log read the same after the walk as before it. A broker of its own, so that nothing else writes meanwhile.
/// </summary>
public sealed class HostileInputWalkTests(BrokerApiFactory broker) : IClassFixture<BrokerApiFactory>
{
    [Fact]
    public async Task No_hostile_input_on_any_route_gets_a_5xx_a_bare_error_or_changes_anything()
    {
        var (service, ids) = await SetUpAsync();
        var before = await SnapshotAsync(service);
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var routes = OpenApiRoute.Read(document);
        Assert.True(routes.Count > 50, $"only {routes.Count} routes in the OpenAPI document");

        var failures = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            foreach (var role in RolesFor(route))
            {
                using var client = broker.As(role, role.StartsWith("dept-", StringComparison.Ordinal) ? service.Code : null, $"walker-{role}");
                foreach (var request in Requests(route, ids))
                {
                    sent++;
                    var failure = await SendAsync(client, route, request);
                    if (failure is not null)
                    {
                        failures.Add($"{role} {route.Method} {HostileInputs.Describe(request.Path)} [{request.What}]: {failure}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were mishandled:\n" + string.Join("\n", failures.Take(200)));
        var after = await SnapshotAsync(service);
        foreach (var (name, value) in before)
        {
            Assert.True(value == after[name], $"{name} changed during the walk:\nbefore: {value}\nafter:  {after[name]}");
        }
    }

    private sealed record HostileRequest(string What, string Path, byte[]? Body, string? ContentType);

    /// <summary>Who calls a route: a role that passes its group's policy, so the hostile input reaches the handler.</summary>
    private static string[] RolesFor(OpenApiRoute route) => route.Template switch
    {
        var t when t.StartsWith("/api/departments/", StringComparison.Ordinal) => ["dept-admin"],
        var t when t.StartsWith("/api/platform/", StringComparison.Ordinal) => ["platform-admin", "platform-operator", "auditor"],
        var t when t.StartsWith("/api/finance/", StringComparison.Ordinal) => ["finance"],
        _ => ["platform-admin"],
    };

    private static IEnumerable<HostileRequest> Requests(OpenApiRoute route, IReadOnlyDictionary<string, string> ids)
    {
        string Path(string? hostileParameter, string? hostileValue) => route.PathParameters.Aggregate(route.Template, (path, name) =>
            path.Replace("{" + name + "}", name == hostileParameter ? hostileValue! : Benign(route.Template, name, ids), StringComparison.Ordinal));

        foreach (var parameter in route.PathParameters)
        {
            foreach (var value in HostileInputs.PathSegments)
            {
                yield return new($"path {parameter}={HostileInputs.Describe(value)}", Path(parameter, value), JsonBodyOrNull(route), JsonTypeOrNull(route));
            }
        }

        var path = Path(null, null);
        foreach (var query in route.QueryParameters)
        {
            foreach (var value in HostileInputs.QueryValues)
            {
                yield return new($"query {query}={HostileInputs.Describe(value)}", $"{path}?{query}={value}", JsonBodyOrNull(route), JsonTypeOrNull(route));
            }
        }

        if (!route.HasJsonBody && !route.HasOtherBody)
        {
            yield break;
        }

        foreach (var (name, body, contentType) in HostileInputs.WholeBodies)
        {
            yield return new($"body {name}", path, HostileInputs.Utf8(body), contentType);
        }

        foreach (var property in route.BodyProperties)
        {
            foreach (var (name, value) in HostileInputs.PropertyValues(property))
            {
                var body = new JsonObject { [property.Name] = value?.DeepClone() }.ToJsonString();
                yield return new($"{property.Name}: {name}", path, Encoding.UTF8.GetBytes(body), "application/json");
            }
        }

        yield return new("1 MiB body", path, Encoding.UTF8.GetBytes(HostileInputs.Megabyte(route.BodyProperties.FirstOrDefault()?.Name ?? "note")), "application/json");
    }

    // A route whose body is required gets a harmless empty object with hostile path and query values, so the
    // refusal comes from the path or query, not from a missing body.
    private static byte[]? JsonBodyOrNull(OpenApiRoute route) => route.HasJsonBody ? "{}"u8.ToArray() : null;

    private static string? JsonTypeOrNull(OpenApiRoute route) => route.HasJsonBody ? "application/json" : null;

    /// <summary>A real value for the parameters the walk does not attack in this request.</summary>
    private static string Benign(string template, string name, IReadOnlyDictionary<string, string> ids) => name switch
    {
        "code" or "department" => ids["department"],
        "system" => ids["system"],
        "id" when template.Contains("/resources/{id}", StringComparison.Ordinal) => ids["resource"],
        "id" when template.Contains("/orders/{id}", StringComparison.Ordinal) => ids["order"],
        "id" when template.Contains("/systems/{id}", StringComparison.Ordinal) => ids["system"],
        "id" when template.Contains("/usage-imports/{id}", StringComparison.Ordinal) => "00000000-0000-0000-0000-000000000000",
        "resourceId" => ids["resource"],
        "period" => "2026-10",
        "year" => "2026",
        "version" => "1",
        "planCode" => "vm-small",
        _ => "nonexistent-1",
    };

    private async Task<string?> SendAsync(HttpClient client, OpenApiRoute route, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(client.BaseAddress!, hostile.Path));
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType!);
        }

        if (route.Method == "POST")
        {
            // A key of its own per request: a replayed key would answer from the first request's record.
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("n"));
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return $"the request failed in the server: {ex.GetType().Name}: {ex.Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return $"{status}: {await ShortBodyAsync(response)}";
            }

            if (status < 400)
            {
                return route.Method is "GET" ? null : $"{status}: a hostile write was accepted: {await ShortBodyAsync(response)}";
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"{status} with content type '{response.Content.Headers.ContentType?.MediaType}' instead of problem+json";
            }

            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return problem?["code"] is JsonValue code && !string.IsNullOrEmpty((string?)code) ? null : $"{status} problem+json without a code";
        }
    }

    private static async Task<string> ShortBodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 300 ? text[..300] : text;
    }

    /// <summary>A department with an approved system, one ready VM and its order, so ids in paths can be real ones.</summary>
    private async Task<(SelfService Service, IReadOnlyDictionary<string, string> Ids)> SetUpAsync()
    {
        var service = await SelfService.CreateAsync(broker, "walk", d => d.WithSystem("core"));
        var order = await service.OrderAsync(SelfService.Vms("core", 1)).Expect(HttpStatusCode.Created);
        var resources = await Eventually(
            async () =>
            {
                await service.ReconcileAllAsync(broker);
                return await service.ResourcesAsync("ready");
            },
            ready => ready.Count > 0,
            TimeSpan.FromSeconds(60));

        Assert.Single(resources);
        return (service, new Dictionary<string, string>
        {
            ["department"] = service.Code,
            ["system"] = "core",
            ["order"] = (string)order["id"]!,
            ["resource"] = (string)resources[0]!["id"]!,
        });
    }

    private async Task<Dictionary<string, string>> SnapshotAsync(SelfService service)
    {
        var reader = broker.As("dept-reader", service.Code);
        var auditor = broker.As("auditor");
        var department = $"/api/departments/{service.Code}";
        var snapshot = new Dictionary<string, string>();
        foreach (var (name, client, url) in new[]
        {
            ("quota", reader, $"{department}/quota"),
            ("orders", reader, $"{department}/orders?limit=200"),
            ("resources", reader, $"{department}/resources?limit=200"),
            ("reservations", reader, $"{department}/reservations"),
            ("department audit", reader, $"{department}/audit?limit=200"),
            ("systems", reader, $"{department}/systems"),
            ("platform audit", auditor, "/api/platform/audit?limit=200"),
            ("departments", auditor, "/api/platform/departments?limit=200"),
            ("catalog", auditor, "/api/catalog/plans?limit=200"),
        })
        {
            var read = await client.Send(HttpMethod.Get, url).Expect(HttpStatusCode.OK);
            if (read is JsonObject { } page && page["items"] is JsonArray items)
            {
                // A usage file refused whole keeps its report for finance to read (GET /api/finance/usage-imports/{id}),
                // with its audit row: that is the refusal's answer, not a change the walk may not make.
                foreach (var rejected in items.Where(i => (string?)i!["action"] == "usage-import.rejected").ToList())
                {
                    items.Remove(rejected);
                }
            }

            snapshot[name] = read.ToJsonString();
        }

        return snapshot;
    }
}
