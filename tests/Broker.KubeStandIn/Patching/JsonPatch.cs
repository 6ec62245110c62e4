using System.Globalization;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Api;

namespace Broker.KubeStandIn.Patching;

/// <summary>
/// JSON patch (RFC 6902): add, remove, replace, move, copy and test, applied in order to a copy; one failing operation
/// fails the whole patch (422, as the API server answers an inapplicable patch; a malformed one is 400).
/// </summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw Statuses.BadRequest("json patch must be an array of operations");
        }

        JsonNode document = target.DeepClone();
        foreach (var operation in operations)
        {
            document = ApplyOne(document, operation as JsonObject ?? throw Statuses.BadRequest("json patch operation must be an object"));
        }

        return document as JsonObject ?? throw Unprocessable("the patched document is not an object");
    }

    private static JsonNode ApplyOne(JsonNode document, JsonObject operation)
    {
        var op = (string?)operation["op"] ?? throw Statuses.BadRequest("json patch operation has no \"op\"");
        var path = JsonPointer.Parse((string?)operation["path"] ?? throw Statuses.BadRequest($"json patch operation \"{op}\" has no \"path\""));
        switch (op)
        {
            case "add":
                return Add(document, path, Value(operation, op));
            case "remove":
                return Remove(document, path, out _);
            case "replace":
                Remove(document, path, out _);
                return Add(document, path, Value(operation, op));
            case "move":
            {
                var from = JsonPointer.Parse((string?)operation["from"] ?? throw Statuses.BadRequest("json patch \"move\" has no \"from\""));
                var afterRemove = Remove(document, from, out var moved);
                return Add(afterRemove, path, moved);
            }

            case "copy":
            {
                var from = JsonPointer.Parse((string?)operation["from"] ?? throw Statuses.BadRequest("json patch \"copy\" has no \"from\""));
                return Add(document, path, Find(document, from)?.DeepClone());
            }

            case "test":
                if (!JsonNode.DeepEquals(Find(document, path), Value(operation, op)))
                {
                    throw Unprocessable($"testing value at {Pointer(path)} failed");
                }

                return document;
            default:
                throw Statuses.BadRequest($"unexpected json patch operation \"{op}\"");
        }
    }

    private static JsonNode? Value(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw Statuses.BadRequest($"json patch \"{op}\" has no \"value\"");

    private static JsonNode? Find(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when Index(segment, array.Count - 1) is { } i => array[i],
                _ => throw Unprocessable($"path {Pointer(path)} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, IReadOnlyList<string> path, JsonNode? value)
    {
        if (path.Count == 0)
        {
            return value ?? throw Unprocessable("cannot replace the document with null");
        }

        var parent = Find(document, path.Take(path.Count - 1).ToList());
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when Index(last, array.Count) is { } i:
                array.Insert(i, value);
                break;
            default:
                throw Unprocessable($"cannot add at {Pointer(path)}");
        }

        return document;
    }

    private static JsonNode Remove(JsonNode document, IReadOnlyList<string> path, out JsonNode? removed)
    {
        if (path.Count == 0)
        {
            throw Unprocessable("cannot remove the whole document");
        }

        var parent = Find(document, path.Take(path.Count - 1).ToList());
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var value):
                obj.Remove(last);
                removed = value;
                break;
            case JsonArray array when Index(last, array.Count - 1) is { } i:
                removed = array[i];
                array.RemoveAt(i);
                break;
            default:
                throw Unprocessable($"path {Pointer(path)} does not exist");
        }

        return document;
    }

    private static int? Index(string segment, int max) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= max ? i : null;

    private static string Pointer(IReadOnlyList<string> path) => "/" + string.Join('/', path);

    private static ApiException Unprocessable(string message) => Statuses.ForCode(422, $"the server rejected our request due to an error in our request: {message}");
}
