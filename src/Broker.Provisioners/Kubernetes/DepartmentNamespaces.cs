using System.Text.Json;
using Broker.Provisioners.Contract;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// A department's namespace as a whole: the namespace, its network policies, its ResourceQuota (the department's
/// quota in pod units) and LimitRange. Reconciling compares each object with what the broker wants and applies only
/// what differs or is missing, and says what it repaired, so drift is visible rather than silently overwritten.
/// </summary>
public sealed class DepartmentNamespaces
{
    private readonly KubeApi api;
    private readonly KubernetesProvisionerOptions options;

    internal DepartmentNamespaces(KubeApi api, KubernetesProvisionerOptions options)
    {
        this.api = api;
        this.options = options;
    }

    /// <summary>Brings every namespace object of <paramref name="department"/> to what <paramref name="quota"/> implies.</summary>
    public async Task<IReadOnlyList<NamespaceRepair>> ReconcileAsync(string department, DepartmentQuota quota, CancellationToken cancellationToken = default)
    {
        if (!KubernetesNames.IsDepartment(department))
        {
            throw new ProvisionerException($"Kubernetes: department code '{department}' must be a DNS label of at most 58 characters.", permanent: true);
        }

        var ns = KubernetesNames.NamespaceFor(department);
        var core = api.Client.CoreV1;
        var networking = api.Client.NetworkingV1;
        var repairs = new List<NamespaceRepair>();
        var existed = await ReadAsync(ns, () => core.ReadNamespaceAsync(ns, cancellationToken: cancellationToken), cancellationToken) is not null;

        async Task Converge<T>(string kind, string name, T desired, Func<Task<T>> read, Func<Task> apply)
            where T : class
        {
            var actual = await ReadAsync(ns, read, cancellationToken);
            var reason = actual is null ? (existed ? "missing" : "created") : DriftCheck.Covers(desired, actual) ? null : "changed";
            if (reason is null)
            {
                return;
            }

            await api.CallAsync($"{kind} apply", ns, cancellationToken, async () =>
            {
                await apply();
                return true;
            });
            repairs.Add(new NamespaceRepair(kind, name, reason));
        }

        var nsObject = NamespaceManifests.Namespace(department);
        await Converge("namespace", ns, nsObject, () => core.ReadNamespaceAsync(ns, cancellationToken: cancellationToken),
            () => core.PatchNamespaceAsync(KubeApi.Apply(nsObject), ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        var rbac = api.Client.RbacAuthorizationV1;
        var binding = NamespaceManifests.RoleBinding(ns, options);
        await Converge("rolebinding", KubernetesNames.RoleBindingName, binding, () => rbac.ReadNamespacedRoleBindingAsync(KubernetesNames.RoleBindingName, ns, cancellationToken: cancellationToken),
            () => rbac.PatchNamespacedRoleBindingAsync(KubeApi.Apply(binding), KubernetesNames.RoleBindingName, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        foreach (var policy in NamespaceManifests.NetworkPolicies(ns, options))
        {
            var name = policy.Metadata.Name;
            await Converge("networkpolicy", name, policy, () => networking.ReadNamespacedNetworkPolicyAsync(name, ns, cancellationToken: cancellationToken),
                () => networking.PatchNamespacedNetworkPolicyAsync(KubeApi.Apply(policy), name, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        }

        var resourceQuota = NamespaceManifests.ResourceQuota(ns, quota, options);
        await Converge("resourcequota", KubernetesNames.ResourceQuotaName, resourceQuota,
            () => core.ReadNamespacedResourceQuotaAsync(KubernetesNames.ResourceQuotaName, ns, cancellationToken: cancellationToken),
            () => core.PatchNamespacedResourceQuotaAsync(KubeApi.Apply(resourceQuota), KubernetesNames.ResourceQuotaName, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        var limitRange = NamespaceManifests.LimitRange(ns, options);
        await Converge("limitrange", KubernetesNames.LimitRangeName, limitRange,
            () => core.ReadNamespacedLimitRangeAsync(KubernetesNames.LimitRangeName, ns, cancellationToken: cancellationToken),
            () => core.PatchNamespacedLimitRangeAsync(KubeApi.Apply(limitRange), KubernetesNames.LimitRangeName, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        if (repairs.Count > 0)
        {
            KubernetesLog.NamespaceReconciled(api.Logger, ns, repairs.Count);
        }

        return repairs;
    }

    /// <summary>Ids of the resources the broker has objects for in the department's namespace (VMs and databases).</summary>
    public async Task<IReadOnlyDictionary<string, WorkloadKind>> ListResourcesAsync(string department, CancellationToken cancellationToken = default)
    {
        var ns = KubernetesNames.NamespaceFor(department);
        var found = new Dictionary<string, WorkloadKind>(StringComparer.Ordinal);
        foreach (var kind in new[] { WorkloadKind.Vm, WorkloadKind.Database })
        {
            var (group, version, plural) = ResourceCoordinates.Of(kind);
            var list = await api.CallAsync("list", ns, cancellationToken, () => api.Client.CustomObjects.ListNamespacedCustomObjectAsync(
                group, version, ns, plural, labelSelector: $"{KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedBy}", cancellationToken: cancellationToken));
            var element = list is JsonElement json ? json : JsonSerializer.SerializeToElement(list);
            if (!element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (item.GetProperty("metadata").TryGetProperty("labels", out var labels)
                    && labels.TryGetProperty(KubernetesNames.ResourceIdLabel, out var id) && id.GetString() is { } resourceId)
                {
                    found[resourceId] = kind;
                }
            }
        }

        return found;
    }

    private Task<T?> ReadAsync<T>(string ns, Func<Task<T>> read, CancellationToken cancellationToken)
        where T : class =>
        api.CallAsync("read", ns, cancellationToken, () => KubeApi.OrNullAsync(read));
}
