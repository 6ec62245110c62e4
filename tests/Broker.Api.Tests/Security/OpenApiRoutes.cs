using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Security;

/// <summary>A property of a request body: its name, whether the schema requires it, and the types it may take.</summary>
public sealed record OpenApiProperty(string Name, bool Required, IReadOnlySet<string> Types)
{
    public bool MayBeNull => !Required || Types.Contains("null");
}

/// <summary>One operation of the broker's OpenAPI document, as the hostile-input walk needs it.</summary>
public sealed record OpenApiRoute(
    string Method,
    string Template,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    IReadOnlyList<OpenApiProperty> BodyProperties,
    bool HasJsonBody,
    bool HasOtherBody)
{
    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every operation under <c>/api</c> in the document, with its parameters and its body's properties.</summary>
    public static IReadOnlyList<OpenApiRoute> Read(JsonNode document)
    {
        var routes = new List<OpenApiRoute>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (!template.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operation is not JsonObject op)
                {
                    continue;
                }

                var parameters = (op["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(document, p!)).ToList();
                var content = op["requestBody"] is { } body ? Resolve(document, body)["content"]?.AsObject() : null;
                var json = content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value;
                routes.Add(new OpenApiRoute(
                    method.ToUpperInvariant(),
                    template,
                    [.. TemplateParameters(template)],
                    [.. parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!)],
                    json?["schema"] is { } schema ? [.. Properties(document, schema)] : [],
                    json is not null,
                    content is not null && json is null));
            }
        }

        return routes;
    }

    private static IEnumerable<string> TemplateParameters(string template)
    {
        var rest = template.AsSpan();
        var names = new List<string>();
        while (rest.IndexOf('{') is var open and >= 0)
        {
            var close = rest[open..].IndexOf('}') + open;
            names.Add(rest[(open + 1)..close].ToString());
            rest = rest[(close + 1)..];
        }

        return names;
    }

    private static IEnumerable<OpenApiProperty> Properties(JsonNode document, JsonNode schema)
    {
        var resolved = Resolve(document, schema);
        var required = resolved["required"]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
        var own = resolved["properties"]?.AsObject().Select(p => new OpenApiProperty(p.Key, required.Contains(p.Key), Types(document, p.Value!))) ?? [];
        var composed = (resolved["allOf"]?.AsArray() ?? []).Concat(resolved["oneOf"]?.AsArray() ?? []).Concat(resolved["anyOf"]?.AsArray() ?? [])
            .SelectMany(s => Properties(document, s!));
        return own.Concat(composed).DistinctBy(p => p.Name, StringComparer.Ordinal);
    }

    // OpenAPI 3.1 writes "type" as a string or an array ("null" among them for a nullable property).
    private static IReadOnlySet<string> Types(JsonNode document, JsonNode schema)
    {
        var resolved = Resolve(document, schema);
        var types = resolved["type"] switch
        {
            JsonArray many => many.Select(t => (string)t!),
            JsonValue one => [(string)one!],
            _ => [],
        };
        var alternatives = (resolved["oneOf"]?.AsArray() ?? []).Concat(resolved["anyOf"]?.AsArray() ?? []).SelectMany(s => Types(document, s!));
        return types.Concat(alternatives).ToHashSet(StringComparer.Ordinal);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        while (node["$ref"] is { } reference)
        {
            var target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
            {
                target = target[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!;
            }

            node = target;
        }

        return node;
    }
}
