using System.Collections.Concurrent;
using System.Text.Json;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// VMs as KubeVirt VirtualMachines and databases as CloudNativePG Clusters, each in its department's namespace
/// <c>dept-{code}</c>, named after the resource id and labelled with it. Every write is a server-side apply by field
/// manager <c>broker</c>, so re-applying the same desired state is a no-op on the server, and the cluster itself is the
/// only state: a restarted broker finds its objects again by the <c>broker.gov/resource-id</c> label.
/// </summary>
public sealed class KubernetesProvisioner : IProvisioner
{
    private readonly IKubernetes client;
    private readonly KubernetesProvisionerOptions options;
    private readonly ILogger logger;

    // Saves a cluster-wide list per call; losing it (a restart) only costs that list once per resource.
    private readonly ConcurrentDictionary<string, ResourceLocation> locations = new(StringComparer.Ordinal);

    /// <summary>For DI: builds its client from the kubeconfig or the pod's service account.</summary>
    public KubernetesProvisioner(IOptions<KubernetesProvisionerOptions> options, ILogger<KubernetesProvisioner> logger)
        : this(CreateClient(options.Value), options.Value, logger)
    {
    }

    /// <summary>With a client the caller owns (tests pass the stand-in's).</summary>
    public KubernetesProvisioner(IKubernetes client, KubernetesProvisionerOptions options, ILogger? logger = null)
    {
        KubernetesProvisionerOptionsValidator.ThrowIfInvalid(options, checkConnection: false);
        this.client = client;
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
    }

    public string Name => "kubernetes";

    public bool IsSimulated => false;

    public async Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        Check(desired);
        var ns = KubernetesNames.NamespaceFor(desired.Department);
        await CallAsync("namespace apply", desired.ResourceId, cancellationToken, async () =>
        {
            await client.CoreV1.PatchNamespaceAsync(
                Apply(NamespaceManifests.Namespace(desired.Department)), ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken);
            await client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
                Apply(NamespaceManifests.DefaultDeny(ns)), KubernetesNames.NetworkPolicyName, ns, fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken);
            return true;
        });

        var (group, version, plural, body) = desired.Kind switch
        {
            ResourceKind.Vm => (VirtualMachine.Group, VirtualMachine.Version, VirtualMachine.Plural, ManifestJson.Serialize(ResourceManifests.VirtualMachine(desired, options))),
            ResourceKind.Database => (PostgresCluster.Group, PostgresCluster.Version, PostgresCluster.Plural, ManifestJson.Serialize(ResourceManifests.PostgresCluster(desired, options))),
            _ => throw new ProvisionerException($"Kubernetes: resource kind {desired.Kind} is not supported.", permanent: true),
        };
        var applied = await CallAsync("apply", desired.ResourceId, cancellationToken, () =>
            client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(body, V1Patch.PatchType.ApplyPatch), group, version, ns, plural, desired.ResourceId,
                fieldManager: KubernetesNames.FieldManager, force: true, cancellationToken: cancellationToken));
        locations[desired.ResourceId] = new ResourceLocation(ns, desired.Kind);
        KubernetesLog.Applied(logger, plural, ns, desired.ResourceId, desired.ResourceId);
        return await WithPlacementAsync(desired.Kind, Interpret(desired.Kind, applied), ns, cancellationToken);
    }

    public async Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(resourceId, cancellationToken);
        if (location is null)
        {
            return ObservedResource.Absent(resourceId);
        }

        var current = await GetAsync(resourceId, location, cancellationToken);
        return current is null
            ? ObservedResource.Absent(resourceId)
            : await WithPlacementAsync(location.Kind, Interpret(location.Kind, current), location.Namespace, cancellationToken);
    }

    public async Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(resourceId, cancellationToken);
        if (location is null)
        {
            return ObservedResource.Absent(resourceId);
        }

        var (group, version, plural) = Coordinates(location.Kind);
        KubernetesLog.Deleting(logger, plural, location.Namespace, resourceId, resourceId);
        await CallAsync("delete", resourceId, cancellationToken, async () =>
        {
            await IgnoreNotFound(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                group, version, location.Namespace, plural, resourceId, propagationPolicy: "Background", cancellationToken: cancellationToken));
            // What the operators made from it goes with it by owner reference; these sweep up anything labelled with the
            // id that has lost its owner (a VM deleted by hand before its disk finished importing, ...).
            var selector = KubernetesNames.ResourceSelector(resourceId);
            await client.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(
                "cdi.kubevirt.io", "v1beta1", location.Namespace, "datavolumes", labelSelector: selector, cancellationToken: cancellationToken);
            await client.CoreV1.DeleteCollectionNamespacedSecretAsync(location.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
            await client.CoreV1.DeleteCollectionNamespacedPersistentVolumeClaimAsync(location.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
            return true;
        });

        if (await GetAsync(resourceId, location, cancellationToken) is not null || await HasLabelledDataVolumesAsync(resourceId, location, cancellationToken))
        {
            return new ObservedResource(resourceId, ObservedPhase.Deleting, null, new Dictionary<string, string>());
        }

        locations.TryRemove(resourceId, out _);
        return ObservedResource.Absent(resourceId);
    }

    private static void Check(DesiredResource desired)
    {
        if (!KubernetesNames.IsResourceId(desired.ResourceId))
        {
            throw new ProvisionerException($"Kubernetes: resource id '{desired.ResourceId}' must be a DNS label of at most 52 characters.", permanent: true);
        }

        if (!KubernetesNames.IsDepartment(desired.Department))
        {
            throw new ProvisionerException($"Kubernetes: department code '{desired.Department}' must be a DNS label of at most 58 characters.", permanent: true);
        }

        if (!KubernetesNames.IsLabelValue(desired.System) || !KubernetesNames.IsLabelValue(desired.PlanCode))
        {
            throw new ProvisionerException("Kubernetes: system id and plan code must be valid label values.", permanent: true);
        }
    }

    private static IKubernetes CreateClient(KubernetesProvisionerOptions options)
    {
        KubernetesProvisionerOptionsValidator.ThrowIfInvalid(options);
        return KubernetesClientFactory.Create(options);
    }

    private static V1Patch Apply(object body) => new(body, V1Patch.PatchType.ApplyPatch);

    private static (string Group, string Version, string Plural) Coordinates(ResourceKind kind) => kind == ResourceKind.Vm
        ? (VirtualMachine.Group, VirtualMachine.Version, VirtualMachine.Plural)
        : (PostgresCluster.Group, PostgresCluster.Version, PostgresCluster.Plural);

    private static ObservedResource Interpret(ResourceKind kind, object body) => kind == ResourceKind.Vm
        ? ResourceObservations.Of(ManifestJson.Deserialize<VirtualMachine>(body))
        : ResourceObservations.Of(ManifestJson.Deserialize<PostgresCluster>(body));

    /// <summary>A running VM's node and address, from its instance; a VM that lost its instance meanwhile stays as observed.</summary>
    private async Task<ObservedResource> WithPlacementAsync(ResourceKind kind, ObservedResource observed, string ns, CancellationToken cancellationToken)
    {
        if (kind != ResourceKind.Vm || observed.Phase != ObservedPhase.Ready)
        {
            return observed;
        }

        var body = await GetAsync(observed.ResourceId, VirtualMachine.Group, VirtualMachine.Version, ns, VirtualMachineInstance.Plural, cancellationToken);
        if (body is null || ManifestJson.Deserialize<VirtualMachineInstance>(body).Status is not { } status)
        {
            return observed;
        }

        var outputs = new Dictionary<string, string>(observed.Outputs);
        if (status.NodeName is { Length: > 0 } node)
        {
            outputs["node"] = node;
        }

        if (status.Interfaces?.FirstOrDefault()?.IpAddress is { Length: > 0 } address)
        {
            outputs["ipAddress"] = address;
        }

        return observed with { Outputs = outputs };
    }

    private static async Task IgnoreNotFound(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (KubernetesFailures.IsNotFound(e))
        {
            // Already gone: delete is idempotent.
        }
    }

    /// <summary>The index, else a cluster-wide search by label: the id alone must be enough after a restart.</summary>
    private async Task<ResourceLocation?> LocateAsync(string resourceId, CancellationToken cancellationToken)
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
            var (group, version, plural) = Coordinates(kind);
            var list = await CallAsync("search", resourceId, cancellationToken, () => client.CustomObjects.ListClusterCustomObjectAsync(
                group, version, plural, labelSelector: KubernetesNames.ResourceSelector(resourceId), cancellationToken: cancellationToken));
            var ns = FirstItemNamespace(list);
            if (ns is not null && ns.StartsWith(KubernetesNames.NamespacePrefix, StringComparison.Ordinal))
            {
                var found = new ResourceLocation(ns, kind);
                locations[resourceId] = found;
                return found;
            }
        }

        return null;
    }

    private static string? FirstItemNamespace(object list)
    {
        var element = list is JsonElement json ? json : JsonSerializer.SerializeToElement(list);
        if (!element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return null;
        }

        return items[0].GetProperty("metadata").TryGetProperty("namespace", out var ns) ? ns.GetString() : null;
    }

    private Task<object?> GetAsync(string resourceId, ResourceLocation location, CancellationToken cancellationToken)
    {
        var (group, version, plural) = Coordinates(location.Kind);
        return GetAsync(resourceId, group, version, location.Namespace, plural, cancellationToken);
    }

    /// <summary>The object named after the resource, or null on 404.</summary>
    private async Task<object?> GetAsync(string resourceId, string group, string version, string ns, string plural, CancellationToken cancellationToken)
    {
        return await CallAsync("read", resourceId, cancellationToken, async () =>
        {
            try
            {
                return await client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, resourceId, cancellationToken);
            }
            catch (Exception e) when (KubernetesFailures.IsNotFound(e))
            {
                return null;
            }
        });
    }

    private async Task<bool> HasLabelledDataVolumesAsync(string resourceId, ResourceLocation location, CancellationToken cancellationToken)
    {
        var list = await CallAsync("read", resourceId, cancellationToken, () => client.CustomObjects.ListNamespacedCustomObjectAsync(
            "cdi.kubevirt.io", "v1beta1", location.Namespace, "datavolumes", labelSelector: KubernetesNames.ResourceSelector(resourceId), cancellationToken: cancellationToken));
        return FirstItemNamespace(list) is not null;
    }

    private async Task<T> CallAsync<T>(string operation, string resourceId, CancellationToken cancellationToken, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KubernetesFailures.IsApiFailure(e, cancellationToken))
        {
            var failure = KubernetesFailures.From(e, operation, resourceId);
            KubernetesLog.CallFailed(logger, operation, resourceId, KubernetesFailures.StatusCode(e), failure.Permanent);
            throw failure;
        }
    }
}
