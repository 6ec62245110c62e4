using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// What can be checked of rendered Kubernetes manifests without a cluster: every container has an image, probes,
/// requests and limits and runs hardened as a non-root user; selectors select something (workloads, Services,
/// PodDisruptionBudgets, NetworkPolicies, ServiceMonitors); every container port some NetworkPolicy lets in; no Secret
/// carries values. A pure function over the documents, so that a deliberately broken manifest proves each rule bites.
/// </summary>
public static class ManifestChecker
{
    private static readonly string[] Workloads = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];

    /// <summary>Pods that a manifest asks for, with the labels and ports they will carry.</summary>
    public sealed record PodSet(string Source, string? Namespace, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(string? Name, long Port)> Ports);

    public static List<string> Problems(IReadOnlyList<JsonObject> documents)
    {
        var problems = new List<string>();
        var pods = PodSets(documents).ToList();
        foreach (var document in documents)
        {
            var kind = Text(document["kind"]);
            var name = $"{kind}/{Text(document["metadata"]?["name"])}";
            switch (kind)
            {
                case var workload when Workloads.Contains(workload):
                    CheckWorkload(document, name, problems);
                    break;
                case "Service":
                    CheckService(document, name, pods, problems);
                    break;
                case "PodDisruptionBudget":
                    RequireSelects(name, Namespace(document), document["spec"]?["selector"], pods, problems);
                    break;
                case "NetworkPolicy":
                    CheckNetworkPolicy(document, name, pods, problems);
                    break;
                case "Secret":
                    if (Count(document["data"]) + Count(document["stringData"]) > 0)
                    {
                        problems.Add($"{name} embeds values: Secrets are created by the operator, never shipped in manifests");
                    }

                    break;
                case "ServiceMonitor":
                    CheckServiceMonitor(document, name, documents, problems);
                    break;
                case "ScheduledBackup":
                    var cluster = Text(document["spec"]?["cluster"]?["name"]);
                    if (!documents.Any(d => Text(d["kind"]) == "Cluster" && Text(d["metadata"]?["name"]) == cluster))
                    {
                        problems.Add($"{name} backs up cluster '{cluster}', which is not among the manifests");
                    }

                    break;
            }
        }

        CheckPortsAreAdmitted(documents, pods, problems);
        return problems;
    }

    private static IEnumerable<PodSet> PodSets(IReadOnlyList<JsonObject> documents)
    {
        foreach (var document in documents)
        {
            var kind = Text(document["kind"]);
            var name = Text(document["metadata"]?["name"]);
            if (Workloads.Contains(kind))
            {
                var template = document["spec"]?["template"];
                var ports = Containers(template?["spec"])
                    .SelectMany(c => c["ports"]?.AsArray() ?? [])
                    .Select(p => (Text(p?["name"]) is { Length: > 0 } n ? n : null, p?["containerPort"]?.GetValue<long>() ?? 0))
                    .ToList();
                yield return new PodSet($"{kind}/{name}", Namespace(document), Labels(template?["metadata"]?["labels"]), ports);
            }
            else if (kind == "Cluster" && Text(document["apiVersion"]).StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal))
            {
                // What the CloudNativePG operator creates for a Cluster: instance pods labelled cnpg.io/cluster, serving
                // PostgreSQL, the instance manager's status port and the metrics exporter.
                yield return new PodSet($"Cluster/{name}", Namespace(document), new Dictionary<string, string> { ["cnpg.io/cluster"] = name },
                    [("postgresql", 5432), ("status", 8000), ("metrics", 9187)]);
            }
        }
    }

    private static void CheckWorkload(JsonObject document, string name, List<string> problems)
    {
        var template = document["spec"]?["template"];
        var podSecurity = template?["spec"]?["securityContext"];
        if (!Selects(document["spec"]?["selector"], Labels(template?["metadata"]?["labels"])))
        {
            problems.Add($"{name}: its selector does not select its own pod template's labels");
        }

        if (template?["spec"]?["hostNetwork"]?.GetValue<bool>() == true || template?["spec"]?["hostPID"]?.GetValue<bool>() == true)
        {
            problems.Add($"{name}: shares the node's network or process namespace");
        }

        var initContainers = template?["spec"]?["initContainers"]?.AsArray().Select(c => c!).ToList() ?? [];
        foreach (var container in Containers(template?["spec"]))
        {
            var at = $"{name} container {Text(container["name"])}";
            var security = container["securityContext"];
            if (string.IsNullOrWhiteSpace(Text(container["image"])))
            {
                problems.Add($"{at}: no image");
            }

            if (!initContainers.Contains(container))
            {
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" }.Where(p => container[p] is null))
                {
                    problems.Add($"{at}: no {probe}");
                }
            }

            foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
            {
                if (container["resources"]?[section]?[resource] is null)
                {
                    problems.Add($"{at}: no {section}.{resource}");
                }
            }

            if (security?["privileged"]?.GetValue<bool>() == true)
            {
                problems.Add($"{at}: privileged");
            }

            if ((security?["runAsNonRoot"] ?? podSecurity?["runAsNonRoot"])?.GetValue<bool>() != true)
            {
                problems.Add($"{at}: runAsNonRoot is not true");
            }

            if (((security?["runAsUser"] ?? podSecurity?["runAsUser"])?.GetValue<long>() ?? 0) == 0)
            {
                problems.Add($"{at}: no non-zero runAsUser");
            }

            if (security?["allowPrivilegeEscalation"]?.GetValue<bool>() != false)
            {
                problems.Add($"{at}: allowPrivilegeEscalation is not false");
            }

            if (security?["readOnlyRootFilesystem"]?.GetValue<bool>() != true)
            {
                problems.Add($"{at}: readOnlyRootFilesystem is not true");
            }

            if (!(security?["capabilities"]?["drop"]?.AsArray().Any(c => Text(c) == "ALL") ?? false) || Count(security?["capabilities"]?["add"]) > 0)
            {
                problems.Add($"{at}: capabilities are not dropped (ALL) or some are added");
            }

            if (Text((security?["seccompProfile"] ?? podSecurity?["seccompProfile"])?["type"]) != "RuntimeDefault")
            {
                problems.Add($"{at}: seccompProfile is not RuntimeDefault");
            }
        }
    }

    private static void CheckService(JsonObject document, string name, List<PodSet> pods, List<string> problems)
    {
        var selector = Labels(document["spec"]?["selector"]);
        var selected = pods.Where(p => p.Namespace == Namespace(document) && selector.Count > 0 && selector.All(l => p.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        if (selected.Count == 0)
        {
            problems.Add($"{name}: its selector selects no pods");
            return;
        }

        foreach (var port in document["spec"]?["ports"]?.AsArray() ?? [])
        {
            var target = port?["targetPort"] ?? port?["port"];
            if (!selected.Any(p => p.Ports.Any(c => Matches(target, c))))
            {
                problems.Add($"{name}: target port {target?.ToJsonString()} is no container port of the pods it selects");
            }
        }
    }

    private static void CheckNetworkPolicy(JsonObject document, string name, List<PodSet> pods, List<string> problems)
    {
        var spec = document["spec"];
        if (Count(spec?["podSelector"]?["matchLabels"]) + Count(spec?["podSelector"]?["matchExpressions"]) > 0)
        {
            RequireSelects(name, Namespace(document), spec?["podSelector"], pods, problems);
        }

        foreach (var peer in (spec?["ingress"]?.AsArray() ?? []).SelectMany(rule => rule?["from"]?.AsArray() ?? []))
        {
            // A pod selector without a namespace selector means this namespace's pods: they must exist.
            if (peer?["podSelector"] is { } selector && peer["namespaceSelector"] is null)
            {
                RequireSelects($"{name} (ingress from)", Namespace(document), selector, pods, problems);
            }
        }
    }

    private static void CheckServiceMonitor(JsonObject document, string name, IReadOnlyList<JsonObject> documents, List<string> problems)
    {
        var services = documents.Where(d => Text(d["kind"]) == "Service" && Namespace(d) == Namespace(document)
            && Selects(document["spec"]?["selector"], Labels(d["metadata"]?["labels"]))).ToList();
        if (services.Count == 0)
        {
            problems.Add($"{name}: its selector selects no Service");
            return;
        }

        foreach (var endpoint in document["spec"]?["endpoints"]?.AsArray() ?? [])
        {
            var port = Text(endpoint?["port"]);
            if (!services.Any(s => s["spec"]?["ports"]?.AsArray().Any(p => Text(p?["name"]) == port) ?? false))
            {
                problems.Add($"{name}: endpoint port '{port}' is named by none of the Services it selects");
            }
        }
    }

    /// <summary>Every port a pod serves on must be let in by some NetworkPolicy that selects the pod (under default deny).</summary>
    private static void CheckPortsAreAdmitted(IReadOnlyList<JsonObject> documents, List<PodSet> pods, List<string> problems)
    {
        var policies = documents.Where(d => Text(d["kind"]) == "NetworkPolicy").ToList();
        foreach (var pod in pods)
        {
            var rules = policies
                .Where(p => Namespace(p) == pod.Namespace && Selects(p["spec"]?["podSelector"], pod.Labels))
                .SelectMany(p => p["spec"]?["ingress"]?.AsArray() ?? [])
                .ToList();
            foreach (var port in pod.Ports)
            {
                var admitted = rules.Any(rule => rule?["ports"] is not JsonArray ports || ports.Count == 0 || ports.Any(p => Matches(p?["port"], port)));
                if (!admitted)
                {
                    problems.Add($"{pod.Source}: port {port.Port} ({port.Name}) is let in by no NetworkPolicy");
                }
            }
        }
    }

    private static void RequireSelects(string name, string? ns, JsonNode? selector, List<PodSet> pods, List<string> problems)
    {
        if (!pods.Any(p => p.Namespace == ns && Selects(selector, p.Labels)))
        {
            problems.Add($"{name}: its selector {selector?.ToJsonString()} selects no pods");
        }
    }

    /// <summary>A label selector (matchLabels and matchExpressions) against labels; an empty selector selects everything.</summary>
    public static bool Selects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        var matchLabels = selector?["matchLabels"] is JsonObject ? Labels(selector["matchLabels"]) : new Dictionary<string, string>();
        if (matchLabels.Any(l => labels.GetValueOrDefault(l.Key) != l.Value))
        {
            return false;
        }

        foreach (var expression in selector?["matchExpressions"]?.AsArray() ?? [])
        {
            var key = Text(expression?["key"]);
            var values = expression?["values"]?.AsArray().Select(Text).ToList() ?? [];
            var has = labels.TryGetValue(key, out var value);
            var holds = Text(expression?["operator"]) switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(JsonNode? port, (string? Name, long Port) container) =>
        port is JsonValue value && (value.TryGetValue<long>(out var number) ? number == container.Port : Text(value) == container.Name);

    private static IEnumerable<JsonNode> Containers(JsonNode? podSpec) =>
        (podSpec?["containers"]?.AsArray() ?? []).Concat(podSpec?["initContainers"]?.AsArray() ?? []).Select(c => c!);

    private static Dictionary<string, string> Labels(JsonNode? labels) =>
        labels is JsonObject map ? map.ToDictionary(l => l.Key, l => Text(l.Value)) : [];

    private static string? Namespace(JsonNode document) => Text(document["metadata"]?["namespace"]) is { Length: > 0 } ns ? ns : null;

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject map => map.Count,
        JsonArray list => list.Count,
        _ => 0,
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
