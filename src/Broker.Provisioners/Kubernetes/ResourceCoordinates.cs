using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>The API group, version and plural of the object a resource kind becomes.</summary>
internal static class ResourceCoordinates
{
    public static (string Group, string Version, string Plural) Of(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Vm => (VirtualMachine.Group, VirtualMachine.Version, VirtualMachine.Plural),
        WorkloadKind.Database => (PostgresCluster.Group, PostgresCluster.Version, PostgresCluster.Plural),
        _ => throw new ProvisionerException($"Kubernetes: resource kind {kind} is not supported.", permanent: true),
    };
}
