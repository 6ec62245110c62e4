using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The VirtualMachine the broker applies, as the minimal controller creates it: a copy of one the broker created in
/// its run, stripped of what the server filled in (status, resourceVersion, managedFields, ...), renamed per order. The
/// stand-in adds no defaults to custom objects, so what is left is the broker's own manifest: same spec, same labels,
/// same DataVolume template. Labelled <see cref="MinimalLabel"/> so the minimal controller's one watch sees only its own.
/// </summary>
public sealed class VmTemplate(string text, string templateId)
{
    public const string Group = "kubevirt.io";
    public const string Version = "v1";
    public const string Plural = "virtualmachines";
    public const string MinimalLabel = "bench.broker/minimal";

    public static async Task<VmTemplate> FromBrokerVmAsync(IKubernetes client, string ns, string resourceId)
    {
        var read = await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, resourceId);
        var vm = JsonNode.Parse(JsonSerializer.Serialize(read))!.AsObject();
        var labels = vm["metadata"]!["labels"]!.DeepClone().AsObject();
        labels[MinimalLabel] = "true";
        vm["metadata"] = new JsonObject { ["name"] = resourceId, ["labels"] = labels };
        vm.Remove("status");
        return new VmTemplate(vm.ToJsonString(), resourceId);
    }

    /// <summary>The manifest for VM <paramref name="name"/>: its name, resource-id label and root disk carry it.</summary>
    public JsonNode For(string name) => JsonNode.Parse(text.Replace(templateId, name, StringComparison.Ordinal))!;
}
