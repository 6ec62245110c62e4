using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The baseline: the API server's own create rate for the very VirtualMachine the broker applies (a copy of one the
/// broker created in the warm-up, renamed), POSTed by a KubernetesClient built from the same kubeconfig, with the same
/// number in flight. Nothing else: no namespace, no quota, no journal. Deleted afterwards so the broker's run meets a
/// store of the same size.
/// </summary>
public sealed class RawCreates(IKubernetes client, JsonObject template, string templateId)
{
    public const string Namespace = "bench-raw";
    private const string Group = "kubevirt.io";
    private const string Version = "v1";
    private const string Plural = "virtualmachines";
    private const string RawLabel = "bench.broker/raw";

    /// <summary>A VM the broker created, stripped of what the server filled in, to copy.</summary>
    public static async Task<RawCreates> FromBrokerVmAsync(IKubernetes client, string ns, string resourceId)
    {
        var read = await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, resourceId);
        var vm = JsonNode.Parse(JsonSerializer.Serialize(read))!.AsObject();
        var metadata = vm["metadata"]!.AsObject();
        var labels = metadata["labels"]!.DeepClone().AsObject();
        labels[RawLabel] = "true";
        vm["metadata"] = new JsonObject { ["name"] = resourceId, ["labels"] = labels };
        vm.Remove("status");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        return new RawCreates(client, vm, resourceId);
    }

    /// <summary>Creates <paramref name="count"/> copies, <paramref name="concurrency"/> at a time; returns the seconds it took.</summary>
    public async Task<double> CreateAsync(string prefix, int count, int concurrency)
    {
        // Bodies are built before the clock starts: the baseline is the server's rate, not our string work.
        var text = template.ToJsonString();
        var bodies = Enumerable.Range(0, count)
            .Select(i => JsonNode.Parse(text.Replace(templateId, $"{prefix}{i:00000}", StringComparison.Ordinal))!)
            .ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, cancellationToken) =>
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, Namespace, Plural, cancellationToken: cancellationToken));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>How many copies the store holds (to check that every create landed).</summary>
    public async Task<int> CountAsync()
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, Namespace, Plural, labelSelector: RawLabel);
        return JsonSerializer.SerializeToElement(list).GetProperty("items").GetArrayLength();
    }

    public async Task DeleteAllAsync() =>
        await client.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(Group, Version, Namespace, Plural, labelSelector: RawLabel);
}
