using System.Net;
using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Hosting;

/// <summary>
/// <c>/openapi/v1.json</c> against the broker's real answers: nothing it calls required is ever left out. The broker
/// omits null properties, so a property that may be null must not be required.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTruthTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task No_schema_requires_a_property_it_also_allows_to_be_null()
    {
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!.AsObject();

        var contradictions = (
            from schema in schemas
            from name in (schema.Value!["required"] as JsonArray ?? new JsonArray()).Select(n => (string)n!)
            let property = schema.Value!["properties"]?[name]
            where property is not null && MayBeNull(property)
            select $"{schema.Key}.{name}").ToList();

        Assert.Empty(contradictions);
        // The ones the issue found: a page's cursor (never required, while its items are) and a statement line's resource.
        var pages = schemas.Where(s => s.Key.StartsWith("PageOf", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Equal(["items"], Required(page.Value!)));
        Assert.True(schemas.ContainsKey("StatementLine"), string.Join(", ", schemas.Select(s => s.Key)));
        Assert.DoesNotContain("resourceId", Required(schemas["StatementLine"]!));
        Assert.Contains("amount", Required(schemas["StatementLine"]!));
    }

    [Fact]
    public async Task Real_responses_carry_every_property_the_document_calls_required()
    {
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var admin = broker.As("platform-admin");
        var code = await Setup.Department("openapi").CreateAsync(broker);
        await broker.As("dept-admin", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 1 } }).Expect(HttpStatusCode.Created);
        (string Role, string Template, string Url)[] reads =
        [
            ("platform-admin", "/api/platform/departments", "/api/platform/departments?limit=1"),
            ("platform-admin", "/api/platform/departments/{code}", $"/api/platform/departments/{code}"),
            ("auditor", "/api/platform/audit", $"/api/platform/audit?department={code}"),
            ("auditor", "/api/platform/audit/verify", "/api/platform/audit/verify"),
            ("dept-reader", "/api/departments/{code}/quota", $"/api/departments/{code}/quota"),
            ("dept-reader", "/api/departments/{code}/reservations", $"/api/departments/{code}/reservations"),
            ("dept-reader", "/api/departments/{code}/statements/{period}", $"/api/departments/{code}/statements/2026-11"),
            ("finance", "/api/finance/statements/{period}/departments/{department}", $"/api/finance/statements/2026-11/departments/{code}"),
            ("finance", "/api/finance/rate-cards", "/api/finance/rate-cards"),
            ("dept-reader", "/api/catalog/plans", "/api/catalog/plans"),
            ("dept-reader", "/api/me", "/api/me"),
        ];

        var problems = new List<string>();
        var checkedRequired = 0;
        foreach (var (role, template, url) in reads)
        {
            var body = await broker.As(role, role.StartsWith("dept-", StringComparison.Ordinal) ? code : null).Send(HttpMethod.Get, url).Expect(HttpStatusCode.OK);
            var operation = document["paths"]![template]?["get"] ?? throw new InvalidOperationException($"{template} is not in the document");
            var schema = operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
            checkedRequired += Check(body, schema, document, url, problems);
        }

        Assert.Empty(problems);
        Assert.True(checkedRequired > 50, $"only {checkedRequired} required properties were checked");
    }

    /// <summary>Walks a value with its schema; adds a problem per required property absent; returns how many it checked.</summary>
    private static int Check(JsonNode? value, JsonNode schema, JsonNode document, string path, List<string> problems)
    {
        schema = Resolve(schema, document);
        var count = 0;
        if (value is JsonObject obj)
        {
            foreach (var name in Required(schema))
            {
                count++;
                if (!obj.ContainsKey(name))
                {
                    problems.Add($"{path}.{name} is required by the document but absent: {obj.ToJsonString()}");
                }
            }

            foreach (var (name, property) in schema["properties"]?.AsObject() ?? new JsonObject())
            {
                if (obj[name] is { } child && property is not null)
                {
                    count += Check(child, property, document, $"{path}.{name}", problems);
                }
            }

            if (schema["additionalProperties"] is JsonObject values)
            {
                count += obj.Where(p => p.Value is not null).Sum(p => Check(p.Value, values, document, $"{path}.{p.Key}", problems));
            }
        }
        else if (value is JsonArray array && schema["items"] is { } items)
        {
            count += array.Select((item, i) => Check(item, items, document, $"{path}[{i}]", problems)).Sum();
        }

        return count;
    }

    /// <summary>Follows <c>$ref</c>s, and of a oneOf/anyOf the one branch that is not just null.</summary>
    private static JsonNode Resolve(JsonNode schema, JsonNode document)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema["$ref"] is { } reference)
            {
                schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!;
            }
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches && branches.Where(b => !IsNullOnly(b!)).ToList() is [{ } only])
            {
                schema = only;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private static bool IsNullOnly(JsonNode schema) => schema["type"] is JsonValue type && (string)type! == "null";

    private static bool MayBeNull(JsonNode property) =>
        property["type"] is JsonArray types ? types.Any(t => (string)t! == "null")
        : property["type"] is JsonValue type ? (string)type! == "null"
        : property["nullable"] is JsonValue nullable && (bool)nullable!
          || (property["oneOf"] ?? property["anyOf"]) is JsonArray branches && branches.Any(b => IsNullOnly(b!));

    private static List<string> Required(JsonNode schema) => (schema["required"] as JsonArray ?? new JsonArray()).Select(n => (string)n!).ToList();
}
