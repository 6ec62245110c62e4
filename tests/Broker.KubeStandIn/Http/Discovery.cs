using System.Text.Json.Nodes;
using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn.Http;

/// <summary>
/// Just enough discovery for tools that look before they call: <c>/version</c>, <c>/api</c>, <c>/apis</c> and the
/// resource lists of each group version the catalog knows. Typed and custom-object calls of KubernetesClient do not
/// need it.
/// </summary>
internal static class Discovery
{
    private static readonly JsonArray Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject? Answer(string path, ResourceCatalog catalog)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["version"] => new JsonObject
            {
                ["major"] = "1",
                ["minor"] = "33",
                ["gitVersion"] = "v1.33.0-broker-standin",
                ["platform"] = "linux/amd64",
            },
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(),
            },
            ["apis"] => Groups(catalog),
            ["api", var version] => Resources(catalog, string.Empty, version),
            ["apis", var group, var version] => Resources(catalog, group, version),
            _ => null,
        };
    }

    private static JsonObject Groups(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var group in catalog.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var versions = new JsonArray();
            foreach (var version in group.Select(t => t.Version).Distinct())
            {
                versions.Add(new JsonObject { ["groupVersion"] = $"{group.Key}/{version}", ["version"] = version });
            }

            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = versions,
                ["preferredVersion"] = versions[0]!.DeepClone(),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject? Resources(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Plural, StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(Resource(type, type.Plural, Verbs));
            if (type.HasStatusSubresource)
            {
                resources.Add(Resource(type, type.Plural + "/status", ["get", "patch", "update"]));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ResourceType type, string name, JsonArray verbs) => new()
    {
        ["name"] = name,
        ["singularName"] = name.Contains('/', StringComparison.Ordinal) ? string.Empty : type.Kind.ToLowerInvariant(),
        ["namespaced"] = type.Namespaced,
        ["kind"] = type.Kind,
        ["verbs"] = verbs.DeepClone(),
    };
}
