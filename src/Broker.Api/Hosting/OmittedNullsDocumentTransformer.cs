using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Broker.Api.Hosting;

/// <summary>
/// Keeps <c>/openapi/v1.json</c> truthful about absent properties. The broker's JSON leaves out null properties
/// (<c>WhenWritingNull</c>, see BrokerJson), so a property the document itself marks as possibly null may also be
/// absent: it is taken out of <c>required</c>. Done over the finished document, so every schema (components and the
/// objects inline in them) gets the same rule, whatever way the generator spelled the null.
/// </summary>
public sealed class OmittedNullsDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Visit(schema, seen);
        }

        return Task.CompletedTask;
    }

    private static void Visit(IOpenApiSchema candidate, HashSet<OpenApiSchema> seen)
    {
        // A reference is visited where it is defined, among the components.
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (MayBeNull(property))
            {
                schema.Required?.Remove(name);
            }

            Visit(property, seen);
        }

        foreach (var child in new[] { schema.Items, schema.AdditionalProperties }.OfType<IOpenApiSchema>()
            .Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
        {
            Visit(child, seen);
        }
    }

    private static bool MayBeNull(IOpenApiSchema property) =>
        property.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (property.OneOf ?? []).Concat(property.AnyOf ?? []).Any(b => b.Type == JsonSchemaType.Null);
}
