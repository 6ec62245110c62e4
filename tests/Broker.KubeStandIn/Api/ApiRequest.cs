using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn.Api;

/// <summary>A resource request after routing: which resource, which object, and what came with it.</summary>
/// <param name="Type">The resource.</param>
/// <param name="Version">The version in the URL (objects carry the apiVersion they were written with).</param>
/// <param name="Namespace">The namespace in the URL; null for cluster-scoped URLs.</param>
/// <param name="Name">The object name; null for collection URLs.</param>
/// <param name="Subresource">Only <c>status</c> is served.</param>
/// <param name="Query">Query parameters.</param>
/// <param name="ContentType">Media type of the body, without parameters.</param>
/// <param name="Body">The raw body (empty when none).</param>
/// <param name="DefaultManager">The field manager when the query names none: the user agent's product, as Kubernetes defaults it.</param>
internal sealed record ApiRequest(
    ResourceType Type,
    string Version,
    string? Namespace,
    string? Name,
    string? Subresource,
    QueryOptions Query,
    string? ContentType,
    string Body,
    string DefaultManager)
{
    public string ApiVersion => Type.Group.Length == 0 ? Version : $"{Type.Group}/{Version}";

    public string Manager => string.IsNullOrEmpty(Query.FieldManager) ? DefaultManager : Query.FieldManager;
}
