using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Api;

/// <summary>Request bodies as JSON; anything unreadable is a 400, as the API server's decoder answers.</summary>
internal static class Bodies
{
    public static JsonObject Object(string body) =>
        Node(body) as JsonObject ?? throw Statuses.BadRequest("the object provided is unrecognized (must be a JSON object)");

    public static JsonNode? Node(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw Statuses.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>A kind named in a body, read leniently (used only to name unknown resources).</summary>
    public static string? PeekKind(string body)
    {
        try
        {
            return body.Length > 0 && JsonNode.Parse(body) is JsonObject obj ? (string?)obj["kind"] : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
