using System.Text.Json.Nodes;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// Decides from one object, as a list or a watch event shows it, whether it is the broker's and whether it drifted.
/// Pure: the watch calls it for every event, the tests call it directly.
/// </summary>
internal static class DriftJudge
{
    /// <summary>
    /// The broker's resource behind <paramref name="obj"/>, or null when the object is not one the broker may act on:
    /// named after its resource-id label, managed by the broker, and in <c>dept-{its department label}</c> (an object
    /// elsewhere with the same labels is someone else's, see <see cref="ResourceLocator.Accepts"/>).
    /// </summary>
    public static (string ResourceId, string Department, long Generation, bool Deleting)? Identify(JsonNode obj)
    {
        var metadata = obj["metadata"];
        var labels = metadata?["labels"];
        var name = Text(metadata?["name"]);
        var department = Text(labels?[KubernetesNames.DepartmentLabel]);
        if (name is null || Text(labels?[KubernetesNames.ResourceIdLabel]) != name
            || Text(labels?[KubernetesNames.ManagedByLabel]) != KubernetesNames.ManagedBy
            || !ResourceLocator.Accepts(Text(metadata?["namespace"]), department))
        {
            return null;
        }

        var generation = metadata?["generation"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : 0;
        return (name, department!, generation, metadata?["deletionTimestamp"] is not null);
    }

    /// <summary>Why a present object of the broker's needs its resource reconciled, or null when it says what the broker applied.</summary>
    public static DriftReason? Judge(WorkloadKind kind, JsonNode obj, string optionsFingerprint)
    {
        var annotations = obj["metadata"]?["annotations"];
        if (Text(annotations?[AppliedStamp.SpecAnnotation]) is not { } stamped)
        {
            return DriftReason.Unstamped;
        }

        if (Text(annotations?[AppliedStamp.OptionsAnnotation]) != optionsFingerprint)
        {
            return DriftReason.Outdated;
        }

        return AppliedStamp.SpecHash(kind, obj) == stamped ? null : DriftReason.Spec;
    }

    /// <summary>
    /// What changes when anything the judgement reads changes, except the spec itself, which moves the generation:
    /// status updates leave it alone.
    /// </summary>
    public static string VersionKey(JsonNode obj)
    {
        var metadata = obj["metadata"];
        var annotations = metadata?["annotations"];
        var labels = metadata?["labels"];
        return string.Join('|', AppliedStamp.OwnedLabels.Select(l => Text(labels?[l]))
            .Prepend(Text(annotations?[AppliedStamp.OptionsAnnotation]))
            .Prepend(Text(annotations?[AppliedStamp.SpecAnnotation]))
            .Prepend(metadata?["generation"]?.ToJsonString()));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
