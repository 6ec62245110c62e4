using System.Collections.Concurrent;
using Broker.Provisioners.Contract;
using k8s;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Where a resource's object lives. The index saves a cluster-wide list per call; losing it (a restart) only costs
/// that list once per resource, because the id alone is enough to find the object again by its label.
/// </summary>
internal sealed class ResourceLocator(KubeApi api)
{
    private readonly ConcurrentDictionary<string, ResourceLocation> locations = new(StringComparer.Ordinal);

    public void Remember(string resourceId, ResourceLocation location) => locations[resourceId] = location;

    public void Forget(string resourceId) => locations.TryRemove(resourceId, out _);

    /// <summary>The index, else a cluster-wide search by label.</summary>
    public async Task<ResourceLocation?> LocateAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (locations.TryGetValue(resourceId, out var known))
        {
            return known;
        }

        if (!KubernetesNames.IsResourceId(resourceId))
        {
            return null;
        }

        foreach (var kind in new[] { ResourceKind.Vm, ResourceKind.Database })
        {
            var (group, version, plural) = ResourceCoordinates.Of(kind);
            var list = await api.CallAsync("search", resourceId, cancellationToken, () => api.Client.CustomObjects.ListClusterCustomObjectAsync(
                group, version, plural, labelSelector: KubernetesNames.ResourceSelector(resourceId), cancellationToken: cancellationToken));
            var ns = KubeApi.FirstItemNamespace(list);
            if (ns is not null && ns.StartsWith(KubernetesNames.NamespacePrefix, StringComparison.Ordinal))
            {
                var found = new ResourceLocation(ns, kind);
                locations[resourceId] = found;
                return found;
            }
        }

        return null;
    }

    /// <summary>The resource's main object, or null when it is gone.</summary>
    public Task<object?> GetAsync(string resourceId, ResourceLocation location, CancellationToken cancellationToken)
    {
        var (group, version, plural) = ResourceCoordinates.Of(location.Kind);
        return api.GetCustomAsync(resourceId, group, version, location.Namespace, plural, resourceId, cancellationToken);
    }
}
