using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Reads a resource's object (and a running VM's instance) into what the contract reports.</summary>
internal sealed class ResourceObserver(KubeApi api, ResourceLocator locator)
{
    public async Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken)
    {
        var location = await locator.LocateAsync(resourceId, cancellationToken);
        if (location is null)
        {
            return ObservedResource.Absent(resourceId);
        }

        var current = await locator.GetAsync(resourceId, location, cancellationToken);
        return current is null ? ObservedResource.Absent(resourceId) : await InterpretAsync(location, current, cancellationToken);
    }

    /// <summary>What an object (just applied or just read) says, with a running VM's placement.</summary>
    public Task<ObservedResource> InterpretAsync(ResourceLocation location, object body, CancellationToken cancellationToken)
    {
        var observed = location.Kind == WorkloadKind.Vm
            ? ResourceObservations.Of(ManifestJson.Deserialize<VirtualMachine>(body))
            : ResourceObservations.Of(ManifestJson.Deserialize<PostgresCluster>(body));
        return WithPlacementAsync(location, observed, cancellationToken);
    }

    /// <summary>A running VM's node and address, from its instance; a VM that lost its instance meanwhile stays as observed.</summary>
    private async Task<ObservedResource> WithPlacementAsync(ResourceLocation location, ObservedResource observed, CancellationToken cancellationToken)
    {
        if (location.Kind != WorkloadKind.Vm || observed.Phase != ObservedPhase.Ready)
        {
            return observed;
        }

        var body = await api.GetCustomAsync(observed.ResourceId, VirtualMachine.Group, VirtualMachine.Version, location.Namespace, VirtualMachineInstance.Plural, observed.ResourceId, cancellationToken);
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
}
