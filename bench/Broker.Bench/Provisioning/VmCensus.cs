using System.Text.Json;
using k8s;

namespace Broker.Bench.Provisioning;

/// <summary>
/// One side's VirtualMachines after the run, counted by their resource-id label: the benchmark is void if a side's
/// speed came from creating too few or too many objects, or from objects that never became ready.
/// </summary>
public sealed record VmCensus(int Objects, int DistinctResources, int Ready)
{
    private const string ResourceIdLabel = "broker.gov/resource-id";

    /// <summary>The VMs labelled <paramref name="labelSelector"/> in <paramref name="namespaces"/>.</summary>
    public static async Task<VmCensus> TakeAsync(IKubernetes client, IEnumerable<string> namespaces, string labelSelector)
    {
        var ids = new List<string>();
        var ready = 0;
        foreach (var ns in namespaces)
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(VmTemplate.Group, VmTemplate.Version, ns, VmTemplate.Plural, labelSelector: labelSelector);
            foreach (var vm in JsonSerializer.SerializeToElement(list).GetProperty("items").EnumerateArray())
            {
                ids.Add(vm.GetProperty("metadata").GetProperty("labels").GetProperty(ResourceIdLabel).GetString()!);
                ready += vm.TryGetProperty("status", out var status) && status.TryGetProperty("ready", out var r) && r.GetBoolean() ? 1 : 0;
            }
        }

        return new VmCensus(ids.Count, ids.Distinct(StringComparer.Ordinal).Count(), ready);
    }

    /// <summary>The broker's VMs, in its department namespaces.</summary>
    public static Task<VmCensus> OfBrokerAsync(IKubernetes client, ProvisioningSettings settings) =>
        TakeAsync(client, settings.DepartmentCodes.Select(d => $"dept-{d}"), ResourceIdLabel);

    /// <summary>The minimal controller's VMs, in its namespaces.</summary>
    public static Task<VmCensus> OfMinimalAsync(IKubernetes client, ProvisioningSettings settings) =>
        TakeAsync(client, settings.DepartmentCodes.Select(MinimalController.NamespaceFor), VmTemplate.MinimalLabel);
}
