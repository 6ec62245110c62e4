using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Broker.Contracts.Common;

namespace Broker.Api.Http;

/// <summary>
/// Walks a bound request body (records, lists, maps and the strings in them) for the first string holding a
/// character that no field takes (<see cref="TextRules"/>, paragraph rules), and names its JSON path the way
/// validation errors do (<c>contacts[0].name</c>, <c>prices.meters.uplink.unit</c>; a bad map key names the map).
/// </summary>
public static class BodyText
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    public static (string Field, string Character)? FirstRefused(object? value) => Walk(value, "", 0);

    private static (string Field, string Character)? Walk(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                var at = TextRules.IndexOfRefused(text, TextShape.Paragraph);
                return at < 0 ? null : (Field(path), TextRules.Describe(text[at]));
            case IDictionary map when depth < MaxDepth:
                foreach (DictionaryEntry entry in map)
                {
                    if ((Walk(entry.Key as string, path, depth + 1) ?? Walk(entry.Value, $"{path}.{entry.Key}", depth + 1)) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            case IEnumerable list when depth < MaxDepth:
                var i = 0;
                foreach (var item in list)
                {
                    if (Walk(item, $"{path}[{i++}]", depth + 1) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            default:
                if (depth >= MaxDepth || !IsBodyType(value.GetType()))
                {
                    return null;
                }

                foreach (var (name, property) in Properties.GetOrAdd(value.GetType(), Readable))
                {
                    if (Walk(property.GetValue(value), $"{path}.{name}", depth + 1) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
        }
    }

    // Only the broker's own records: a body never holds services, and nothing else is worth walking.
    private static bool IsBodyType(Type type) => type.IsClass && type.Namespace?.StartsWith("Broker.", StringComparison.Ordinal) == true;

    private static (string, PropertyInfo)[] Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
            .ToArray();

    private static string Field(string path) => path.Length == 0 ? "body" : path.TrimStart('.');
}
