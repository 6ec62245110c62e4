using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// What the API server fills in or rewrites on writes of some built-in kinds, so that code reading them back sees
/// what it would see on a cluster: Namespaces get their name label, finalizer and phase; Secrets turn
/// <c>stringData</c> into base64 <c>data</c>; Services get a type, a cluster IP (kept across updates) and port defaults.
/// </summary>
internal sealed class Defaulter
{
    private int allocatedServiceIps;

    public void OnCreate(ResourceType type, JsonObject obj)
    {
        if (type.Group.Length != 0)
        {
            return;
        }

        switch (type.Plural)
        {
            case "namespaces":
                NamespaceLabel(obj);
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "secrets":
                SecretData(obj);
                break;
            case "services":
                ServiceDefaults(obj, current: null);
                break;
        }
    }

    public void OnUpdate(ResourceType type, JsonObject current, JsonObject next)
    {
        if (type.Group.Length != 0)
        {
            return;
        }

        switch (type.Plural)
        {
            case "namespaces":
                NamespaceLabel(next);
                next["spec"] ??= current["spec"]?.DeepClone();
                break;
            case "secrets":
                SecretData(next);
                break;
            case "services":
                ServiceDefaults(next, current);
                break;
        }
    }

    private static void NamespaceLabel(JsonObject obj)
    {
        var metadata = Meta.Of(obj);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        labels["kubernetes.io/metadata.name"] = Meta.Name(obj);
    }

    private static void SecretData(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is not JsonObject stringData)
        {
            obj.Remove("stringData");
            return;
        }

        if (obj["data"] is not JsonObject data)
        {
            data = [];
            obj["data"] = data;
        }

        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Meta.Text(value) ?? string.Empty));
        }

        obj.Remove("stringData");
    }

    private void ServiceDefaults(JsonObject obj, JsonObject? current)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if ((string?)spec["type"] != "ExternalName" && string.IsNullOrEmpty((string?)spec["clusterIP"]))
        {
            // The cluster IP is immutable: an update that leaves it out keeps the allocated one.
            var ip = (string?)current?["spec"]?["clusterIP"] ?? NextServiceIp();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
    }

    private string NextServiceIp()
    {
        var n = ++allocatedServiceIps;
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 250}.{(n % 250) + 1}");
    }
}
