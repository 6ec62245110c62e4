using System.Text.Json;
using System.Text.Json.Serialization;

namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The JSON form Kubernetes expects of the custom resources: camelCase, and no nulls (an applied null would claim the field).</summary>
public static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>Reads what <c>CustomObjects</c> calls return (a <see cref="JsonElement"/>) as <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(object body) => body switch
    {
        JsonElement element => element.Deserialize<T>(Options)!,
        string text => JsonSerializer.Deserialize<T>(text, Options)!,
        _ => JsonSerializer.SerializeToElement(body, Options).Deserialize<T>(Options)!,
    };
}
