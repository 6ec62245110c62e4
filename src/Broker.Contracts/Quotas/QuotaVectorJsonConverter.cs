using System.Text.Json;
using System.Text.Json.Serialization;

namespace Broker.Contracts.Quotas;

/// <summary>Writes a vector as a plain JSON object (<c>{"vcpu": 4, "memory_gib": 16}</c>), the shape people type.</summary>
public sealed class QuotaVectorJsonConverter : JsonConverter<QuotaVector>
{
    public override QuotaVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var amounts = JsonSerializer.Deserialize<Dictionary<string, long>>(ref reader, options)
            ?? throw new JsonException("A quota vector must be a JSON object of dimension: amount.");
        return new QuotaVector(amounts);
    }

    public override void Write(Utf8JsonWriter writer, QuotaVector value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (dimension, amount) in value.Amounts)
        {
            writer.WritePropertyName(dimension);
            writer.WriteNumberValue(amount);
        }

        writer.WriteEndObject();
    }
}
