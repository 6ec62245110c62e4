using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Broker.Api.Hosting;

/// <summary>
/// Keeps <c>/openapi/v1.json</c> truthful about absent properties. The broker's JSON leaves out null properties
/// (<c>WhenWritingNull</c>, see BrokerJson), so a property that may be null may also be absent: it is taken out of
/// <c>required</c>, and its schema says it may be null (what a client may send). Non-nullable properties stay required.
/// </summary>
public sealed class OmittedNullsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in context.JsonTypeInfo.Properties.Where(p => MayBeNull(p, nullability)))
        {
            schema.Required?.Remove(property.Name);
            if (schema.Properties.TryGetValue(property.Name, out var value) && value is OpenApiSchema inline && inline.Type is { } type)
            {
                inline.Type = type | JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }

    private static bool MayBeNull(JsonPropertyInfo property, NullabilityInfoContext nullability) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && property.AttributeProvider switch
        {
            PropertyInfo info => nullability.Create(info).ReadState != NullabilityState.NotNull,
            FieldInfo info => nullability.Create(info).ReadState != NullabilityState.NotNull,
            _ => true,
        });
}
