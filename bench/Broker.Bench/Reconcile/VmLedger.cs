using Broker.Bench.Hosting;
using System.Text.Json.Nodes;
using k8s;

namespace Broker.Bench.Reconcile;

/// <summary>
/// Every VirtualMachine of the broker on the stand-in after the run, against the resources the broker holds live: each
/// must have exactly one object, with the spec it ordered (2 cores); none may be left over.
/// </summary>
public sealed record VmLedger(int Objects, int Duplicates, int Missing, int WrongSpec, int Extra)
{
    public int Problems => Duplicates + Missing + WrongSpec + Extra;

    public static async Task<VmLedger> TakeAsync(IKubernetes client, IReadOnlyDictionary<string, string> live)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var wrong = 0;
        string? next = null;
        do
        {
            var page = System.Text.Json.JsonSerializer.SerializeToNode(await client.CustomObjects.ListClusterCustomObjectAsync(
                "kubevirt.io", "v1", "virtualmachines", labelSelector: "broker.gov/resource-id", limit: 1000, continueParameter: next))!;
            foreach (var vm in page["items"]!.AsArray())
            {
                var id = vm!["metadata"]!["labels"]!["broker.gov/resource-id"]!.GetValue<string>();
                seen[id] = seen.GetValueOrDefault(id) + 1;
                wrong += vm["spec"]?["template"]?["spec"]?["domain"]?["cpu"]?["cores"] is JsonValue cores && cores.GetValue<int>() == BenchVm.Vcpu ? 0 : 1;
            }

            next = page["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));

        return new VmLedger(
            seen.Values.Sum(), seen.Values.Count(c => c > 1), live.Keys.Count(id => !seen.ContainsKey(id)), wrong, seen.Keys.Count(id => !live.ContainsKey(id)));
    }
}
