using Broker.Provisioners.Contract;
using k8s;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Deletes a resource's object and sweeps up everything labelled with its id.</summary>
internal sealed class ResourceDeleter(KubeApi api, ResourceLocator locator)
{
    private const string DataVolumeGroup = "cdi.kubevirt.io";
    private const string DataVolumeVersion = "v1beta1";
    private const string DataVolumes = "datavolumes";

    public async Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken)
    {
        var location = await locator.LocateAsync(resourceId, cancellationToken);
        if (location is null)
        {
            return ObservedResource.Absent(resourceId);
        }

        var (group, version, plural) = ResourceCoordinates.Of(location.Kind);
        var client = api.Client;
        KubernetesLog.Deleting(api.Logger, plural, location.Namespace, resourceId, resourceId);
        await api.CallAsync("delete", resourceId, cancellationToken, async () =>
        {
            await KubeApi.IgnoreNotFound(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                group, version, location.Namespace, plural, resourceId, propagationPolicy: "Background", cancellationToken: cancellationToken));
            // What the operators made from it goes with it by owner reference; these sweep up anything labelled with the
            // id that has lost its owner (a VM deleted by hand before its disk finished importing, ...).
            var selector = KubernetesNames.ResourceSelector(resourceId);
            await client.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(
                DataVolumeGroup, DataVolumeVersion, location.Namespace, DataVolumes, labelSelector: selector, cancellationToken: cancellationToken);
            await client.CoreV1.DeleteCollectionNamespacedSecretAsync(location.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
            await client.CoreV1.DeleteCollectionNamespacedPersistentVolumeClaimAsync(location.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
            return true;
        });

        if (await locator.GetAsync(resourceId, location, cancellationToken) is not null || await HasLabelledDataVolumesAsync(resourceId, location, cancellationToken))
        {
            return new ObservedResource(resourceId, ObservedPhase.Deleting, null, new Dictionary<string, string>());
        }

        locator.Forget(resourceId);
        return ObservedResource.Absent(resourceId);
    }

    private async Task<bool> HasLabelledDataVolumesAsync(string resourceId, ResourceLocation location, CancellationToken cancellationToken)
    {
        var list = await api.CallAsync("read", resourceId, cancellationToken, () => api.Client.CustomObjects.ListNamespacedCustomObjectAsync(
            DataVolumeGroup, DataVolumeVersion, location.Namespace, DataVolumes, labelSelector: KubernetesNames.ResourceSelector(resourceId), cancellationToken: cancellationToken));
        return KubeApi.FirstItemNamespace(list) is not null;
    }
}
