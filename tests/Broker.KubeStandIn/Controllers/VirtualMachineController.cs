using System.Globalization;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// Plays KubeVirt's virt-controller for <c>kubevirt.io/v1</c> VirtualMachines. Creates the DataVolumes of
/// <c>spec.dataVolumeTemplates</c> at once; when due, a VM meant to run (runStrategy Always, RerunOnFailure or Once,
/// or <c>running: true</c>) gets a Running VirtualMachineInstance (node, IP) and <c>status.ready=true</c>,
/// <c>printableStatus=Running</c>; one meant to stop (Halted, Manual, <c>running: false</c>, or neither field) loses
/// its VMI and shows Stopped. Before that it shows Starting, Provisioning (DataVolumes not done) or Stopping. On
/// demand it fails with ErrorUnschedulable; a failed DataVolume shows DataVolumeError.
/// </summary>
internal sealed class VirtualMachineController(ControllerKit kit)
{
    public const string Group = "kubevirt.io";
    public const string Plural = "virtualmachines";
    private const string Manager = "virt-controller";
    private int addresses;
    private int placements;

    public void Reconcile(ObjectKey key, JsonObject vm)
    {
        var previous = vm["status"] as JsonObject;
        var vmiKey = key with { Plural = "virtualmachineinstances" };
        var dataVolumes = EnsureDataVolumes(key, vm);
        var wantsRunning = WantsRunning(vm, out var runStrategy);
        var hasVmi = kit.Get(vmiKey) is not null;
        var generation = Meta.Generation(vm);

        string printable;
        bool ready;
        JsonArray conditions;
        if (kit.FailureOf(key, vm) is { } failure)
        {
            kit.Delete(vmiKey);
            (printable, ready) = ("ErrorUnschedulable", false);
            conditions = [kit.Condition(previous, "Ready", false, "Unschedulable", failure), kit.Condition(previous, "PodScheduled", false, "Unschedulable", failure)];
        }
        else if (dataVolumes.Any(dv => (string?)dv["status"]?["phase"] == "Failed"))
        {
            (printable, ready) = ("DataVolumeError", false);
            conditions = [kit.Condition(previous, "Ready", false, "DataVolumeError", "a DataVolume of this VM failed")];
        }
        else if (!kit.Due.IsDue(key))
        {
            (printable, ready) = (wantsRunning ? "Starting" : hasVmi ? "Stopping" : "Stopped", false);
            conditions = [kit.Condition(previous, "Ready", false, "NotReady", string.Empty)];
        }
        else if (!wantsRunning)
        {
            kit.Delete(vmiKey);
            (printable, ready) = ("Stopped", false);
            conditions = [kit.Condition(previous, "Ready", false, "VMINotExists", "VMI does not exist")];
        }
        else if (dataVolumes.Any(dv => (string?)dv["status"]?["phase"] != "Succeeded"))
        {
            (printable, ready) = ("Provisioning", false);
            conditions = [kit.Condition(previous, "Ready", false, "NotReady", "waiting for DataVolumes")];
        }
        else
        {
            EnsureInstance(vmiKey, vm);
            (printable, ready) = ("Running", true);
            conditions = [kit.Condition(previous, "Ready", true, string.Empty, string.Empty)];
        }

        kit.WriteStatus(key, new JsonObject
        {
            ["created"] = kit.Get(vmiKey) is not null,
            ["ready"] = ready,
            ["printableStatus"] = printable,
            ["runStrategy"] = runStrategy,
            ["observedGeneration"] = generation,
            ["desiredGeneration"] = generation,
            ["conditions"] = conditions,
        }, Manager);
    }

    private static bool WantsRunning(JsonObject vm, out string runStrategy)
    {
        var spec = vm["spec"] as JsonObject;
        runStrategy = (string?)spec?["runStrategy"] ?? (spec?["running"] is JsonValue running && running.TryGetValue<bool>(out var on) && on ? "Always" : "Halted");
        return runStrategy is "Always" or "RerunOnFailure" or "Once";
    }

    private List<JsonObject> EnsureDataVolumes(ObjectKey key, JsonObject vm)
    {
        var made = new List<JsonObject>();
        foreach (var template in (vm["spec"]?["dataVolumeTemplates"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Meta.Name(template);
            if (name.Length == 0)
            {
                continue;
            }

            var dvKey = new ObjectKey(DataVolumeController.Group, DataVolumeController.Plural, key.Namespace, name);
            var isNew = kit.Get(dvKey) is null;
            var dataVolume = template.DeepClone().AsObject();
            dataVolume["apiVersion"] ??= "cdi.kubevirt.io/v1beta1";
            dataVolume["kind"] ??= "DataVolume";
            var metadata = Meta.Of(dataVolume);
            metadata["namespace"] = key.Namespace;
            metadata["ownerReferences"] = ControllerKit.OwnedBy(vm);
            if (kit.Ensure(dvKey, dataVolume, Manager) is { } stored)
            {
                if (isNew)
                {
                    // The import began when the VM was created: its DataVolumes are due with it.
                    kit.Due.Align(dvKey, key);
                }

                made.Add(stored);
            }
        }

        return made;
    }

    private void EnsureInstance(ObjectKey vmiKey, JsonObject vm)
    {
        if (kit.Get(vmiKey) is null)
        {
            var template = vm["spec"]?["template"] as JsonObject;
            var labels = template?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
            labels["kubevirt.io/vm"] = vmiKey.Name;
            var instance = new JsonObject
            {
                ["apiVersion"] = "kubevirt.io/v1",
                ["kind"] = "VirtualMachineInstance",
                ["metadata"] = new JsonObject
                {
                    ["name"] = vmiKey.Name,
                    ["namespace"] = vmiKey.Namespace,
                    ["labels"] = labels,
                    ["ownerReferences"] = ControllerKit.OwnedBy(vm),
                },
                ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
            };
            if (kit.Ensure(vmiKey, instance, Manager) is null)
            {
                return;
            }
        }

        var current = kit.Get(vmiKey)!;
        if ((string?)current["status"]?["phase"] == "Running")
        {
            return;
        }

        var ip = string.Create(CultureInfo.InvariantCulture, $"10.244.{addresses / 250}.{(addresses % 250) + 2}");
        addresses++;
        kit.WriteStatus(vmiKey, new JsonObject
        {
            ["phase"] = "Running",
            ["nodeName"] = NextNode(),
            ["interfaces"] = new JsonArray(new JsonObject
            {
                ["name"] = "default",
                ["ipAddress"] = ip,
                ["ipAddresses"] = new JsonArray(ip),
            }),
            ["conditions"] = new JsonArray(kit.Condition(null, "Ready", true, string.Empty, string.Empty)),
        }, Manager);
    }

    private string NextNode()
    {
        var nodes = kit.All(string.Empty, "nodes").Select(n => n.Key.Name).Order(StringComparer.Ordinal).ToList();
        return nodes.Count == 0 ? "standin-node" : nodes[placements++ % nodes.Count];
    }
}
