using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Patching;

/// <summary>
/// JSON merge patch (RFC 7386): objects merge key by key, <c>null</c> removes a key, anything else (arrays included)
/// replaces. The stand-in also uses it for strategic merge patch, which differs only for lists with merge keys
/// (containers by name, ...) and <c>$patch</c> directives: those are replaced wholesale here.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            result[key] = Apply(existing?.DeepClone(), value);
        }

        return result;
    }
}
