using System.Collections.Concurrent;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Server-side applies a resource's object, after its department's namespace and network policies (so that the first
/// resource of a department never lands in a namespace without isolation). The namespace's quota objects are the
/// department reconciler's to write (<see cref="DepartmentNamespaces"/>): they depend on the department's quota, which
/// a resource does not know.
/// The namespace and its policies are applied on a department's first resource apply in this process and again after
/// any failed apply, not on every one: they were four of a VM's seven API calls on its way to ready (bench
/// provisioning), and keeping them in place afterwards is the department reconciler's job, which repairs drift.
/// </summary>
internal sealed class ResourceApplier(KubeApi api, ResourceLocator locator, ResourceObserver observer, KubernetesProvisionerOptions options)
{
    private readonly ConcurrentDictionary<string, bool> isolated = new(StringComparer.Ordinal);
    private readonly string fingerprint = AppliedStamp.OptionsFingerprint(options);

    // Per resource, the body last applied and the generation the server gave it. Re-applying the same body changes
    // nothing, so the generation stays; if it moved, someone edited the desired state in between and this apply put
    // it back: that is drift, reported to the caller. Kept in memory: after a restart the first apply only re-learns.
    private readonly ConcurrentDictionary<string, (string Body, long Generation)> lastApplied = new(StringComparer.Ordinal);

    public async Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken)
    {
        DesiredResourceChecks.ThrowIfInvalid(desired);
        var ns = KubernetesNames.NamespaceFor(desired.Department);
        try
        {
            return await ApplyInAsync(ns, desired, cancellationToken);
        }
        catch
        {
            // The namespace may be what is missing (deleted behind our back): the next attempt applies it again.
            isolated.TryRemove(ns, out _);
            throw;
        }
    }

    private async Task<ObservedResource> ApplyInAsync(string ns, DesiredResource desired, CancellationToken cancellationToken)
    {
        if (!isolated.ContainsKey(ns))
        {
            await IsolateAsync(ns, desired, cancellationToken);
            isolated[ns] = true;
        }

        var (group, version, plural) = ResourceCoordinates.Of(desired.Kind);
        var manifest = desired.Kind == WorkloadKind.Vm
            ? ManifestJson.Serialize(ResourceManifests.VirtualMachine(desired, options))
            : ManifestJson.Serialize(ResourceManifests.PostgresCluster(desired, options));
        // Stamped with the hash of what it applies, so the watch can tell an edit behind its back from its own writes.
        var body = AppliedStamp.Stamp(desired.Kind, manifest, fingerprint);
        var applied = await api.CallAsync("apply", desired.ResourceId, cancellationToken, () =>
            api.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(body, V1Patch.PatchType.ApplyPatch), group, version, ns, plural, desired.ResourceId,
                fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        var location = new ResourceLocation(ns, desired.Kind);
        locator.Remember(desired.ResourceId, location);
        KubernetesLog.Applied(api.Logger, plural, ns, desired.ResourceId, desired.ResourceId);
        var observed = await observer.InterpretAsync(location, applied, cancellationToken);
        return SpecRepaired(desired.ResourceId, body, ManifestJson.Deserialize<GenerationOnly>(applied).Metadata?.Generation)
            ? observed with { Repaired = "spec" }
            : observed;
    }

    private bool SpecRepaired(string resourceId, string body, long? generation)
    {
        if (generation is not { } now)
        {
            return false;
        }

        var repaired = lastApplied.TryGetValue(resourceId, out var last) && last.Body == body && last.Generation != now;
        lastApplied[resourceId] = (body, now);
        return repaired;
    }

    private Task IsolateAsync(string ns, DesiredResource desired, CancellationToken cancellationToken) =>
        api.CallAsync("namespace apply", desired.ResourceId, cancellationToken, async () =>
        {
            await api.Client.CoreV1.PatchNamespaceAsync(
                KubeApi.Apply(NamespaceManifests.Namespace(desired.Department)), ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken);
            // Before anything inside the namespace: the binding is what gives the broker its rights there.
            await api.Client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(
                KubeApi.Apply(NamespaceManifests.RoleBinding(ns, options)), KubernetesNames.RoleBindingName, ns, fieldManager: KubernetesNames.FieldManager, force: true,
                cancellationToken: cancellationToken);
            foreach (var policy in NamespaceManifests.NetworkPolicies(ns, options))
            {
                await api.Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
                    KubeApi.Apply(policy), policy.Metadata.Name, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken);
            }

            return true;
        });
}
