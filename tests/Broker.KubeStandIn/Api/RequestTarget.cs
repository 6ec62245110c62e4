namespace Broker.KubeStandIn.Api;

/// <summary>
/// The resource a URL addresses: <c>/api/v1/...</c> or <c>/apis/{group}/{version}/...</c>, then
/// <c>namespaces/{ns}/{plural}[/{name}[/{subresource}]]</c> or <c>{plural}[/{name}[/{subresource}]]</c>.
/// </summary>
internal sealed record RequestTarget(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public static RequestTarget? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        string[] rest;
        if (segments is ["api", var coreVersion, .. var coreRest])
        {
            (group, version, rest) = (string.Empty, coreVersion, coreRest);
        }
        else if (segments is ["apis", var named, var namedVersion, .. var namedRest])
        {
            (group, version, rest) = (named, namedVersion, namedRest);
        }
        else
        {
            return null;
        }

        // /api/v1/namespaces/{name}/status is the Namespace's own subresource, not a namespaced collection.
        var namespaceSubresource = group.Length == 0 && rest is ["namespaces", _, "status" or "finalize"];
        if (rest is ["namespaces", var ns, var plural, .. var tail] && !namespaceSubresource && tail.Length <= 2)
        {
            return new RequestTarget(group, version, ns, plural, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1));
        }

        if (rest is [var clusterPlural, .. var clusterTail] && clusterTail.Length <= 2)
        {
            return new RequestTarget(group, version, null, clusterPlural, clusterTail.ElementAtOrDefault(0), clusterTail.ElementAtOrDefault(1));
        }

        return null;
    }
}
