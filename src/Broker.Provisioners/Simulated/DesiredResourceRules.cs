using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Simulated;

/// <summary>What the simulated room refuses outright; a refusal is permanent, since retrying the same spec cannot help.</summary>
internal static class DesiredResourceRules
{
    public static void Check(DesiredResource desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(desired.ResourceId))
        {
            problems.Add("ResourceId is required");
        }

        if (!Enum.IsDefined(desired.Kind))
        {
            problems.Add($"Kind {(int)desired.Kind} is unknown");
        }

        if (desired.Vcpu < 1 || desired.MemoryGib < 1 || desired.StorageGib < 0)
        {
            problems.Add("Vcpu and MemoryGib must be positive and StorageGib not negative");
        }

        if (desired.Kind == WorkloadKind.Database && desired.Instances < 1)
        {
            problems.Add("a database needs at least one instance");
        }

        if (problems.Count > 0)
        {
            throw new ProvisionerException(
                $"Simulated machine room refuses resource '{desired.ResourceId}': {string.Join("; ", problems)}.", permanent: true);
        }
    }
}
