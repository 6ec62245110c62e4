using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Json;

/// <summary>Reads and writes <c>metadata</c> fields of objects held as JSON.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? Str(JsonObject obj, string field) => Text(obj["metadata"]?[field]);

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string Name(JsonObject obj) => Str(obj, "name") ?? string.Empty;

    public static string? Namespace(JsonObject obj) => Str(obj, "namespace");

    public static string Uid(JsonObject obj) => Str(obj, "uid") ?? string.Empty;

    public static string? ResourceVersion(JsonObject obj) => Str(obj, "resourceVersion");

    public static bool IsDeleting(JsonObject obj) => Str(obj, "deletionTimestamp") is not null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> Annotations(JsonObject obj) => StringMap(obj["metadata"]?["annotations"]);

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list ? [.. list.Select(Text).OfType<string>()] : [];

    public static IReadOnlyList<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray list ? [.. list.Select(r => Text(r?["uid"])).OfType<string>()] : [];

    public static long Generation(JsonObject obj) => Long(obj["metadata"]?["generation"]) ?? 0;

    /// <summary>An integer however the node holds it (parsed text, or an int or long set in code).</summary>
    public static long? Long(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                map[key] = Text(value) ?? string.Empty;
            }
        }

        return map;
    }
}
