using System.Collections.Concurrent;

namespace Broker.KubeStandIn.Resources;

/// <summary>
/// The resources the stand-in serves. Known kinds come with their real scope and behaviour; an unknown plural is still
/// served (a real cluster would need its CRD first), with its scope taken from the first URL that used it and its kind
/// from the first body, so tests can store anything.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly ConcurrentDictionary<(string Group, string Plural), ResourceType> types = new();

    public ResourceCatalog(IEnumerable<ResourceType> extra)
    {
        foreach (var type in BuiltInTypes().Concat(CustomTypes()).Concat(extra))
        {
            types[(type.Group, type.Plural)] = type;
        }
    }

    public IEnumerable<ResourceType> All => types.Values;

    public ResourceType? Find(string group, string plural) => types.TryGetValue((group, plural), out var type) ? type : null;

    /// <summary>The known type, or one made up for an unknown plural and remembered.</summary>
    public ResourceType Resolve(string group, string version, string plural, bool namespacedUrl, string? kindFromBody) =>
        types.GetOrAdd((group, plural), _ => new ResourceType(
            group,
            version,
            plural,
            string.IsNullOrEmpty(kindFromBody) ? GuessKind(plural) : kindFromBody,
            namespacedUrl,
            HasStatusSubresource: false,
            BuiltIn: false));

    public ResourceType Namespaces => types[(string.Empty, "namespaces")];

    // "widgets" -> "Widget": only used when no body ever named the kind.
    private static string GuessKind(string plural)
    {
        var singular = plural.EndsWith('s') ? plural[..^1] : plural;
        return singular.Length == 0 ? plural : char.ToUpperInvariant(singular[0]) + singular[1..];
    }

    private static IEnumerable<ResourceType> BuiltInTypes()
    {
        const bool Namespaced = true;
        const bool Cluster = false;
        const bool Status = true;
        const bool NoStatus = false;
        ResourceType Core(string plural, string kind, bool namespaced, bool status, NameRule rule = NameRule.Subdomain) =>
            new(string.Empty, "v1", plural, kind, namespaced, status, BuiltIn: true, rule);
        ResourceType Grouped(string group, string version, string plural, string kind, bool namespaced, bool status) =>
            new(group, version, plural, kind, namespaced, status, BuiltIn: true);

        yield return Core("namespaces", "Namespace", Cluster, Status, NameRule.Label);
        yield return Core("nodes", "Node", Cluster, Status);
        yield return Core("persistentvolumes", "PersistentVolume", Cluster, Status);
        yield return Core("secrets", "Secret", Namespaced, NoStatus);
        yield return Core("configmaps", "ConfigMap", Namespaced, NoStatus);
        yield return Core("services", "Service", Namespaced, Status, NameRule.Rfc1035Label);
        yield return Core("resourcequotas", "ResourceQuota", Namespaced, Status);
        yield return Core("limitranges", "LimitRange", Namespaced, NoStatus);
        yield return Core("serviceaccounts", "ServiceAccount", Namespaced, NoStatus);
        yield return Core("persistentvolumeclaims", "PersistentVolumeClaim", Namespaced, Status);
        yield return Core("pods", "Pod", Namespaced, Status);
        yield return Core("events", "Event", Namespaced, NoStatus);
        yield return Core("endpoints", "Endpoints", Namespaced, NoStatus);
        yield return Grouped("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", Namespaced, NoStatus);
        yield return Grouped("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Cluster, NoStatus);
        yield return Grouped("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Cluster, NoStatus);
        yield return Grouped("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced, NoStatus);
        yield return Grouped("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced, NoStatus);
        yield return Grouped("storage.k8s.io", "v1", "storageclasses", "StorageClass", Cluster, NoStatus);
        yield return Grouped("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", Cluster, NoStatus);
        yield return Grouped("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Cluster, Status);
        yield return Grouped("apps", "v1", "deployments", "Deployment", Namespaced, Status);
        yield return Grouped("apps", "v1", "statefulsets", "StatefulSet", Namespaced, Status);
    }

    private static IEnumerable<ResourceType> CustomTypes()
    {
        yield return ResourceType.Custom("kubevirt.io", "v1", "virtualmachines", "VirtualMachine");
        yield return ResourceType.Custom("kubevirt.io", "v1", "virtualmachineinstances", "VirtualMachineInstance");
        yield return ResourceType.Custom("cdi.kubevirt.io", "v1beta1", "datavolumes", "DataVolume");
        yield return ResourceType.Custom("postgresql.cnpg.io", "v1", "clusters", "Cluster");
    }
}
