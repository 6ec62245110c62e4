using System.Text.Json;
using k8s;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The broker's VirtualMachines in the department namespaces after the run, counted by their resource-id label: the
/// benchmark is void if the broker's speed came from creating too few or too many objects.
/// </summary>
public sealed record VmCensus(int Objects, int DistinctResources, int Ready)
{
    public static async Task<VmCensus> TakeAsync(IKubernetes client, ProvisioningSettings settings)
    {
        var ids = new List<string>();
        var ready = 0;
        for (var i = 0; i < settings.Departments; i++)
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
                "kubevirt.io", "v1", $"dept-{settings.Department(i)}", "virtualmachines", labelSelector: "broker.gov/resource-id");
            foreach (var vm in JsonSerializer.SerializeToElement(list).GetProperty("items").EnumerateArray())
            {
                ids.Add(vm.GetProperty("metadata").GetProperty("labels").GetProperty("broker.gov/resource-id").GetString()!);
                ready += vm.TryGetProperty("status", out var status) && status.TryGetProperty("ready", out var r) && r.GetBoolean() ? 1 : 0;
            }
        }

        return new VmCensus(ids.Count, ids.Distinct(StringComparer.Ordinal).Count(), ready);
    }
}
