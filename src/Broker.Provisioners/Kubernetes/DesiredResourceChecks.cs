using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Refuses inputs that would only fail later as a 422, so that a bad order fails at once and permanently.</summary>
internal static class DesiredResourceChecks
{
    public static void ThrowIfInvalid(DesiredResource desired)
    {
        if (!KubernetesNames.IsResourceId(desired.ResourceId))
        {
            throw new ProvisionerException($"Kubernetes: resource id '{desired.ResourceId}' must be a DNS label of at most 52 characters.", permanent: true);
        }

        if (!KubernetesNames.IsDepartment(desired.Department))
        {
            throw new ProvisionerException($"Kubernetes: department code '{desired.Department}' must be a DNS label of at most 58 characters.", permanent: true);
        }

        if (!KubernetesNames.IsLabelValue(desired.OwningSystem) || !KubernetesNames.IsLabelValue(desired.PlanCode) || !KubernetesNames.IsLabelValue(desired.NetworkZone))
        {
            throw new ProvisionerException("Kubernetes: system id, plan code and network zone must be valid label values.", permanent: true);
        }
    }
}
