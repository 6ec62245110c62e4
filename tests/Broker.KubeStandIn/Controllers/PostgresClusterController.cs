using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// Plays the CloudNativePG operator for <c>postgresql.cnpg.io/v1</c> Clusters: "Setting up primary" until due, then
/// "Cluster in healthy state" with <c>readyInstances = spec.instances</c>, <c>writeService = {name}-rw</c>, the
/// <c>{name}-app</c> basic-auth Secret (username, password, dbname, host, port, uri, jdbc-uri, pgpass) and the
/// <c>{name}-rw</c>, <c>{name}-ro</c>, <c>{name}-r</c> Services, all owned by the Cluster. On demand it turns
/// unrecoverable. No instance pods or PVCs are modelled.
/// </summary>
internal sealed class PostgresClusterController(ControllerKit kit)
{
    public const string Group = "postgresql.cnpg.io";
    public const string Plural = "clusters";
    public const string Healthy = "Cluster in healthy state";
    public const string Unrecoverable = "Cluster is in an unrecoverable state, needs manual intervention";
    private const string Manager = "cnpg-manager";

    public void Reconcile(ObjectKey key, JsonObject cluster)
    {
        var previous = cluster["status"] as JsonObject;
        var instances = (int)(Meta.Long(cluster["spec"]?["instances"]) ?? 1);
        var name = key.Name;
        var status = new JsonObject
        {
            ["instances"] = instances,
            ["writeService"] = $"{name}-rw",
            ["readService"] = $"{name}-r",
        };

        if (kit.FailureOf(key, cluster) is { } failure)
        {
            status["phase"] = Unrecoverable;
            status["phaseReason"] = failure;
            status["readyInstances"] = 0;
            status["conditions"] = new JsonArray(kit.Condition(previous, "Ready", false, "ClusterIsNotReady", failure));
        }
        else if (!kit.Due.IsDue(key))
        {
            // A cluster that had a primary is changing (scaling, say); one that never had one is being set up.
            var primary = (string?)previous?["currentPrimary"];
            status["phase"] = primary is null ? "Setting up primary" : "Waiting for the instances to become active";
            status["readyInstances"] = primary is null ? 0 : Math.Min(instances, (int)(Meta.Long(previous?["readyInstances"]) ?? 0));
            if (primary is not null)
            {
                status["currentPrimary"] = primary;
                status["targetPrimary"] = primary;
            }

            status["conditions"] = new JsonArray(kit.Condition(previous, "Ready", false, "ClusterIsNotReady", "Cluster Is Not Ready"));
        }
        else
        {
            EnsureAppSecret(key, cluster);
            EnsureService(key, cluster, "rw", "primary");
            EnsureService(key, cluster, "ro", "replica");
            EnsureService(key, cluster, "r", null);
            status["phase"] = Healthy;
            status["readyInstances"] = instances;
            status["currentPrimary"] = $"{name}-1";
            status["targetPrimary"] = $"{name}-1";
            status["instanceNames"] = new JsonArray([.. Enumerable.Range(1, instances).Select(i => (JsonNode)$"{name}-{i}")]);
            status["conditions"] = new JsonArray(kit.Condition(previous, "Ready", true, "ClusterIsReady", "Cluster is Ready"));
        }

        kit.WriteStatus(key, status, Manager);
    }

    private void EnsureAppSecret(ObjectKey key, JsonObject cluster)
    {
        var secretKey = new ObjectKey(string.Empty, "secrets", key.Namespace, $"{key.Name}-app");
        if (kit.Get(secretKey) is not null)
        {
            return;
        }

        var initdb = cluster["spec"]?["bootstrap"]?["initdb"];
        var database = (string?)initdb?["database"] ?? "app";
        var owner = (string?)initdb?["owner"] ?? database;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var host = $"{key.Name}-rw";
        var values = new Dictionary<string, string>
        {
            ["username"] = owner,
            ["user"] = owner,
            ["password"] = password,
            ["dbname"] = database,
            ["host"] = host,
            ["port"] = "5432",
            ["uri"] = $"postgresql://{owner}:{password}@{host}.{key.Namespace}:5432/{database}",
            ["jdbc-uri"] = $"jdbc:postgresql://{host}.{key.Namespace}:5432/{database}?password={password}&user={owner}",
            ["pgpass"] = $"{host}:5432:{database}:{owner}:{password}\n",
        };
        var data = new JsonObject();
        foreach (var (field, text) in values)
        {
            data[field] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        kit.Ensure(secretKey, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = secretKey.Name,
                ["namespace"] = key.Namespace,
                ["labels"] = new JsonObject { ["cnpg.io/cluster"] = key.Name, ["cnpg.io/reload"] = "true", ["cnpg.io/userType"] = "app" },
                ["ownerReferences"] = ControllerKit.OwnedBy(cluster),
            },
            ["type"] = "kubernetes.io/basic-auth",
            ["data"] = data,
        }, Manager);
    }

    private void EnsureService(ObjectKey key, JsonObject cluster, string suffix, string? role)
    {
        var selector = new JsonObject { ["cnpg.io/cluster"] = key.Name };
        if (role is not null)
        {
            selector["cnpg.io/instanceRole"] = role;
        }

        kit.Ensure(new ObjectKey(string.Empty, "services", key.Namespace, $"{key.Name}-{suffix}"), new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{key.Name}-{suffix}",
                ["namespace"] = key.Namespace,
                ["labels"] = new JsonObject { ["cnpg.io/cluster"] = key.Name },
                ["ownerReferences"] = ControllerKit.OwnedBy(cluster),
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = selector,
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "postgres", ["port"] = 5432, ["protocol"] = "TCP", ["targetPort"] = 5432 }),
            },
        }, Manager);
    }
}
