namespace Broker.KubeStandIn.Requests;

/// <summary>A request as the stand-in saw it, for fault predicates and the request log.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">URL path.</param>
/// <param name="Query">Query string including the leading '?', or empty.</param>
/// <param name="ContentType">Media type of the body without parameters, if any.</param>
/// <param name="Verb">Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection; or
/// <c>discovery</c> for <c>/api</c>, <c>/apis</c>, <c>/version</c> and the like.</param>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Resource">Resource plural, null for discovery.</param>
/// <param name="Namespace">Namespace in the URL, if any.</param>
/// <param name="Name">Object name in the URL, if any.</param>
/// <param name="Subresource">Subresource in the URL (<c>status</c>), if any.</param>
public sealed record StandInRequest(
    string Method,
    string Path,
    string Query,
    string? ContentType,
    string Verb,
    string Group,
    string? Resource,
    string? Namespace,
    string? Name,
    string? Subresource)
{
    /// <summary>True for the verbs that change stored state.</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
