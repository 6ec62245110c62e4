using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Whether a live object still says everything the broker applied. Only what the broker wants is compared: the server
/// and other controllers add fields and labels of their own, which are not drift.
/// </summary>
internal static class DriftCheck
{
    public static bool Covers(object desired, object actual) =>
        Covers(Part(desired, "metadata", "labels"), Part(actual, "metadata", "labels"))
        && Covers(Part(desired, "spec"), Part(actual, "spec"));

    /// <summary>Every property and array element of <paramref name="desired"/> is in <paramref name="actual"/>.</summary>
    public static bool Covers(JsonNode? desired, JsonNode? actual) => (desired, actual) switch
    {
        (null, _) => true,
        (_, null) => false,
        (JsonObject d, JsonObject a) => d.All(p => Covers(p.Value, a[p.Key])),
        (JsonArray d, JsonArray a) => d.Count == a.Count && d.Select((item, i) => Covers(item, a[i])).All(ok => ok),
        (JsonValue d, JsonValue a) => SameValue(d, a),
        _ => false,
    };

    private static JsonNode? Part(object body, params string[] path)
    {
        JsonNode? node = JsonNode.Parse(KubernetesJson.Serialize(body));
        foreach (var step in path)
        {
            node = node?[step];
        }

        return node;
    }

    // Quantities may come back in another spelling of the same amount.
    private static bool SameValue(JsonValue desired, JsonValue actual)
    {
        if (desired.ToJsonString() == actual.ToJsonString())
        {
            return true;
        }

        if (!desired.TryGetValue<string>(out var d) || !actual.TryGetValue<string>(out var a))
        {
            return false;
        }

        try
        {
            return new ResourceQuantity(d).ToDecimal() == new ResourceQuantity(a).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
