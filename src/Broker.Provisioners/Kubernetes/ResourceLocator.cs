using System.Collections.Concurrent;
using Broker.Provisioners.Contract;
using k8s;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Where a resource's object lives. The index saves a search per call; losing it (a restart) costs one search per
/// resource, because the id alone is enough to find the object again by its label. The search reads only the broker's
/// own department namespaces, one at a time, since the broker holds no right to read objects cluster-wide
/// (infra/k8s/base/rbac.yaml), and it accepts an object only in <c>dept-{its department}</c>: one found in another
/// department's namespace, or in a namespace that merely starts with <c>dept-</c>, is not the broker's to act on.
/// </summary>
internal sealed class ResourceLocator(KubeApi api)
{
    private readonly ConcurrentDictionary<string, ResourceLocation> locations = new(StringComparer.Ordinal);

    public void Remember(string resourceId, ResourceLocation location) => locations[resourceId] = location;

    public void Forget(string resourceId) => locations.TryRemove(resourceId, out _);

    /// <summary>
    /// The one namespace an object labelled with <paramref name="department"/> may live in for the broker to use it:
    /// <c>dept-{department}</c>, the department being a valid code.
    /// </summary>
    public static bool Accepts(string? @namespace, string? department) =>
        KubernetesNames.IsDepartment(department) && string.Equals(@namespace, KubernetesNames.NamespaceFor(department!), StringComparison.Ordinal);

    /// <summary>The index, else a search by label in each department namespace the broker manages.</summary>
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

        var namespaces = await api.CallAsync("search", resourceId, cancellationToken, () => api.Client.CoreV1.ListNamespaceAsync(
            labelSelector: $"{KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedBy}", cancellationToken: cancellationToken));
        foreach (var ns in namespaces.Items.Select(n => n.Metadata.Name).Where(n => n.StartsWith(KubernetesNames.NamespacePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            foreach (var kind in new[] { WorkloadKind.Vm, WorkloadKind.Database })
            {
                var (group, version, plural) = ResourceCoordinates.Of(kind);
                var list = await api.CallAsync("search", resourceId, cancellationToken, () => api.Client.CustomObjects.ListNamespacedCustomObjectAsync(
                    group, version, ns, plural, labelSelector: KubernetesNames.ResourceSelector(resourceId), cancellationToken: cancellationToken));
                if (Accepts(KubeApi.FirstItemNamespace(list), KubeApi.FirstItemLabel(list, KubernetesNames.DepartmentLabel)))
                {
                    var found = new ResourceLocation(ns, kind);
                    locations[resourceId] = found;
                    return found;
                }
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
