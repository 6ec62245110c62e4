using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// What the broker stamps on every VirtualMachine and Cluster it applies, so that a watch event alone tells drift from
/// the broker's own writes: a hash of the part of the object the broker owns (its labels and the spec fields it sets),
/// and a fingerprint of the options that shaped it. The broker's own apply writes the spec and its hash together, so
/// its events always match; an edit behind its back changes the spec but not the hash. A status update matches too.
/// The owned part is read back through the broker's own manifest records, so fields the server or an operator adds
/// (defaults, status) are not drift, and object keys are sorted, so the server's ordering is not either.
/// </summary>
public static class AppliedStamp
{
    public const string SpecAnnotation = "broker.gov/applied-spec";
    public const string OptionsAnnotation = "broker.gov/applied-options";

    // Raised when the manifests the broker builds change shape, so that objects applied by an older version are
    // re-applied by the watch's next list, as a changed option is.
    private const string ManifestVersion = "1";

    internal static readonly string[] OwnedLabels =
    [
        KubernetesNames.DepartmentLabel, KubernetesNames.SystemLabel, KubernetesNames.ResourceIdLabel,
        KubernetesNames.PlanLabel, KubernetesNames.ManagedByLabel, KubernetesNames.NetworkZoneLabel,
    ];

    /// <summary>The manifest as applied: the same JSON with both annotations in its metadata.</summary>
    public static string Stamp(WorkloadKind kind, string manifest, string optionsFingerprint)
    {
        var node = JsonNode.Parse(manifest)!.AsObject();
        var metadata = node["metadata"]!.AsObject();
        metadata["annotations"] = new JsonObject
        {
            [SpecAnnotation] = SpecHash(kind, node),
            [OptionsAnnotation] = optionsFingerprint,
        };
        return node.ToJsonString();
    }

    /// <summary>The hash of the broker-owned part of a VirtualMachine or Cluster, desired or read back.</summary>
    public static string SpecHash(WorkloadKind kind, JsonNode obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        var owned = new JsonObject();
        foreach (var key in OwnedLabels)
        {
            if (labels?[key] is JsonValue value)
            {
                owned[key] = value.DeepClone();
            }
        }

        object spec = kind == WorkloadKind.Vm
            ? ManifestJson.Deserialize<VirtualMachine>(obj.ToJsonString()).Spec
            : ManifestJson.Deserialize<PostgresCluster>(obj.ToJsonString()).Spec;
        var part = new JsonObject { ["labels"] = owned, ["spec"] = JsonSerializer.SerializeToNode(spec, ManifestJson.Options) };
        return Hash(Canonical(part));
    }

    /// <summary>
    /// The options every manifest depends on (images, sizing model, storage class, ...), without the connection or the
    /// intervals, so that every silo of one configuration computes the same fingerprint.
    /// </summary>
    public static string OptionsFingerprint(KubernetesProvisionerOptions options)
    {
        var shaping = new JsonObject
        {
            ["manifestVersion"] = ManifestVersion,
            ["images"] = JsonSerializer.SerializeToNode(new SortedDictionary<string, string>(options.Images, StringComparer.Ordinal)),
            ["postgresImageRepository"] = options.PostgresImageRepository,
            ["defaultPostgresVersion"] = options.DefaultPostgresVersion,
            ["storageClass"] = options.StorageClass,
            ["vmMemoryOverheadMib"] = options.VmMemoryOverheadMib,
            ["vmMemoryOverheadMibPerVcpu"] = options.VmMemoryOverheadMibPerVcpu,
            ["vmMemoryOverheadFraction"] = options.VmMemoryOverheadFraction,
            ["vmCpuOverheadMillicores"] = options.VmCpuOverheadMillicores,
            ["vmCpuRequestMillicoresPerVcpu"] = options.VmCpuRequestMillicoresPerVcpu,
        };
        return Hash(Canonical(shaping))[..16];
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>JSON with object keys in ordinal order, so equal content hashes equally however it was ordered.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
