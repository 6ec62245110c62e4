using System.Text.Json.Nodes;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// Plays CDI for <c>cdi.kubevirt.io</c> DataVolumes: ImportInProgress until due, then Succeeded at 100%, or Failed on
/// demand. No PVC or importer pod is modelled.
/// </summary>
internal sealed class DataVolumeController(ControllerKit kit)
{
    public const string Group = "cdi.kubevirt.io";
    public const string Plural = "datavolumes";
    private const string Manager = "cdi-controller";

    public void Reconcile(ObjectKey key, JsonObject dataVolume)
    {
        var previous = dataVolume["status"] as JsonObject;
        JsonObject status;
        if (kit.FailureOf(key, dataVolume) is { } failure)
        {
            status = new JsonObject
            {
                ["phase"] = "Failed",
                ["progress"] = "N/A",
                ["conditions"] = new JsonArray(
                    kit.Condition(previous, "Ready", false, "ImportFailed", failure),
                    kit.Condition(previous, "Running", false, "Error", failure)),
            };
        }
        else if (!kit.Due.IsDue(key))
        {
            status = new JsonObject
            {
                ["phase"] = "ImportInProgress",
                ["progress"] = "N/A",
                ["conditions"] = new JsonArray(
                    kit.Condition(previous, "Ready", false, "TransferRunning", string.Empty),
                    kit.Condition(previous, "Running", true, "Pod is running", string.Empty)),
            };
        }
        else
        {
            status = new JsonObject
            {
                ["phase"] = "Succeeded",
                ["progress"] = "100.0%",
                ["conditions"] = new JsonArray(
                    kit.Condition(previous, "Bound", true, "Bound", "PVC bound"),
                    kit.Condition(previous, "Ready", true, string.Empty, string.Empty),
                    kit.Condition(previous, "Running", false, "Completed", string.Empty)),
            };
        }

        kit.WriteStatus(key, status, Manager);
    }
}
