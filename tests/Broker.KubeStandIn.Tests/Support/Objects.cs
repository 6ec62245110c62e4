using System.Text.Json.Nodes;
using k8s;

namespace Broker.KubeStandIn.Tests.Support;

/// <summary>Custom objects as JSON: what CustomObjects calls take and give back.</summary>
public static class Objects
{
    public static JsonObject Json(object? answer) => JsonNode.Parse(KubernetesJson.Serialize(answer))!.AsObject();

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    public static JsonObject VirtualMachine(string name, string runStrategy = "Always", JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "kubevirt.io/v1",
        ["kind"] = "VirtualMachine",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["runStrategy"] = runStrategy,
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["broker/resource"] = name } },
                ["spec"] = new JsonObject
                {
                    ["domain"] = new JsonObject
                    {
                        ["cpu"] = new JsonObject { ["cores"] = 2 },
                        ["memory"] = new JsonObject { ["guest"] = "4Gi" },
                    },
                },
            },
        },
    };

    public static JsonObject PostgresCluster(string name, int instances = 2) => new()
    {
        ["apiVersion"] = "postgresql.cnpg.io/v1",
        ["kind"] = "Cluster",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["instances"] = instances,
            ["storage"] = new JsonObject { ["size"] = "10Gi" },
            ["bootstrap"] = new JsonObject { ["initdb"] = new JsonObject { ["database"] = "ledger", ["owner"] = "ledger" } },
        },
    };
}
