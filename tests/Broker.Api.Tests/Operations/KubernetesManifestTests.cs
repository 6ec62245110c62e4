using System.Text.Json.Nodes;
using Broker.TestSupport;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// infra/k8s/overlays/small-city rendered by <c>kubectl kustomize</c>, as a platform team would apply it, and checked
/// offline by <see cref="ManifestChecker"/>; the broken variants below prove that each rule of the checker bites.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<Task<List<JsonObject>>> Rendered = new(RenderAsync);

    private static async Task<List<JsonObject>> RenderAsync()
    {
        var result = await Tool.RunAsync("kubectl", "kustomize", "infra/k8s/overlays/small-city");
        Assert.True(result.ExitCode == 0, $"kubectl kustomize failed: {result}");
        return YamlDocuments.Load(result.Output);
    }

    /// <summary>A fresh copy of the rendered documents, for a test to break.</summary>
    private static async Task<List<JsonObject>> CopyAsync() => (await Rendered.Value).Select(d => d.DeepClone().AsObject()).ToList();

    private static JsonObject Find(List<JsonObject> documents, string kind, string name) =>
        documents.Single(d => (string?)d["kind"] == kind && (string?)d["metadata"]!["name"] == name);

    private static JsonObject Container(List<JsonObject> documents, string kind, string name) =>
        Find(documents, kind, name)["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    [Fact]
    public async Task The_small_city_overlay_renders_and_passes_every_offline_check()
    {
        var problems = ManifestChecker.Problems(await Rendered.Value);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Three_silos_two_apis_and_a_three_instance_database_with_scheduled_backups()
    {
        var documents = await Rendered.Value;

        Assert.Equal(3, (long)Find(documents, "StatefulSet", "broker-silo")["spec"]!["replicas"]!);
        Assert.Equal(2, (long)Find(documents, "Deployment", "broker-api")["spec"]!["replicas"]!);
        Assert.Equal(3, (long)Find(documents, "Cluster", "broker-db")["spec"]!["instances"]!);
        var backup = Find(documents, "ScheduledBackup", "broker-db-nightly");
        Assert.Equal("broker-db", (string)backup["spec"]!["cluster"]!["name"]!);
        Assert.Equal("broker-db-backup-s3", (string)Find(documents, "Cluster", "broker-db")["spec"]!["backup"]!["barmanObjectStore"]!["s3Credentials"]!["accessKeyId"]!["name"]!);
        Assert.Equal(2, (long)Find(documents, "PodDisruptionBudget", "broker-silo")["spec"]!["minAvailable"]!);
    }

    [Fact]
    public async Task Each_role_runs_with_its_ports_probes_and_the_cluster_certificates_of_the_shared_contract()
    {
        var documents = await Rendered.Value;
        var silo = Container(documents, "StatefulSet", "broker-silo");
        var api = Container(documents, "Deployment", "broker-api");

        string? Env(JsonObject container, string name) => (string?)container["env"]!.AsArray().SingleOrDefault(e => (string?)e!["name"] == name)?["value"];
        Assert.Equal("silo", Env(silo, "Broker__Role"));
        Assert.Equal("api", Env(api, "Broker__Role"));
        Assert.Equal("status.podIP", (string?)silo["env"]!.AsArray().Single(e => (string?)e!["name"] == "POD_IP")!["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal([11111L, 30000L, 8081L], silo["ports"]!.AsArray().Select(p => (long)p!["containerPort"]!));
        Assert.Equal([8080L], api["ports"]!.AsArray().Select(p => (long)p!["containerPort"]!));
        Assert.Equal("/readyz", (string?)silo["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/healthz", (string?)silo["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)api["readinessProbe"]!["httpGet"]!["path"]);
        foreach (var container in new[] { silo, api })
        {
            Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/etc/broker/tls");
            Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp");
            Assert.Equal(10001, (long)container["securityContext"]!["runAsUser"]!); // the image's broker user
            Assert.Equal("broker-db-connection", (string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == "ConnectionStrings__Broker")!["valueFrom"]!["secretKeyRef"]!["name"]);
        }

        var config = documents.Single(d => (string?)d["kind"] == "ConfigMap" && ((string?)d["metadata"]!["name"])!.StartsWith("broker-config", StringComparison.Ordinal));
        Assert.Equal("/etc/broker/tls", (string?)config["data"]!["Broker__Orleans__Tls__Directory"]);
        var antiAffinity = Find(documents, "StatefulSet", "broker-silo")["spec"]!["template"]!["spec"]!["affinity"]!["podAntiAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]![0]!;
        Assert.Equal("kubernetes.io/hostname", (string?)antiAffinity["topologyKey"]);
        Assert.True((long)Find(documents, "StatefulSet", "broker-silo")["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]! >= 60);
    }

    [Fact]
    public async Task The_prometheus_rule_carries_exactly_the_groups_of_the_alert_rule_file()
    {
        var rule = Find(await Rendered.Value, "PrometheusRule", "broker-alerts");
        var source = YamlDocuments.Load(RepositoryFiles.Read("infra", "prometheus", "broker-alerts.yaml")).Single();

        Assert.True(JsonNode.DeepEquals(source["groups"], rule["spec"]!["groups"]), "infra/k8s/base/prometheus-rule.yaml differs from infra/prometheus/broker-alerts.yaml: run scripts/prometheus-rule.sh");
    }

    [Fact]
    public async Task Only_the_api_is_reachable_from_everywhere_and_every_other_pod_starts_denied()
    {
        var documents = await Rendered.Value;
        var policies = documents.Where(d => (string?)d["kind"] == "NetworkPolicy").ToList();

        var denyAll = Assert.Single(policies, p => p["spec"]!["podSelector"]!.AsObject().Count == 0);
        Assert.Null(denyAll["spec"]!["ingress"]);
        var open = policies.Where(p => p["spec"]!["ingress"]?.AsArray().Any(rule => rule!["from"] is null) ?? false).ToList();
        Assert.Equal(["broker-api"], open.Select(p => (string)p["metadata"]!["name"]!));
        Assert.Equal([8080L], open.Single()["spec"]!["ingress"]!.AsArray().SelectMany(r => r!["ports"]!.AsArray()).Select(p => (long)p!["port"]!));
    }

    // The checker's rules, each shown to catch a manifest broken in that one way.

    [Fact]
    public async Task A_container_without_probes_resources_or_image_is_caught()
    {
        var documents = await CopyAsync();
        var silo = Container(documents, "StatefulSet", "broker-silo");
        silo.Remove("readinessProbe");
        silo.Remove("image");
        silo["resources"]!.AsObject().Remove("limits");

        var problems = ManifestChecker.Problems(documents);

        Assert.Contains("StatefulSet/broker-silo container silo: no readinessProbe", problems);
        Assert.Contains("StatefulSet/broker-silo container silo: no image", problems);
        Assert.Contains("StatefulSet/broker-silo container silo: no limits.memory", problems);
    }

    [Fact]
    public async Task A_privileged_or_root_container_is_caught()
    {
        var documents = await CopyAsync();
        var api = Container(documents, "Deployment", "broker-api");
        api["securityContext"]!["privileged"] = true;
        api["securityContext"]!["runAsNonRoot"] = false;
        api["securityContext"]!["allowPrivilegeEscalation"] = true;

        var problems = ManifestChecker.Problems(documents);

        Assert.Contains("Deployment/broker-api container api: privileged", problems);
        Assert.Contains("Deployment/broker-api container api: runAsNonRoot is not true", problems);
        Assert.Contains("Deployment/broker-api container api: allowPrivilegeEscalation is not false", problems);
    }

    [Fact]
    public async Task Selectors_that_select_nothing_are_caught()
    {
        var documents = await CopyAsync();
        Find(documents, "Service", "broker-api")["spec"]!["selector"]!["app.kubernetes.io/component"] = "apl";
        Find(documents, "PodDisruptionBudget", "broker-silo")["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/component"] = "silos";
        Find(documents, "Deployment", "broker-api")["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/component"] = "web";
        Find(documents, "ServiceMonitor", "broker-silo")["spec"]!["endpoints"]![0]!["port"] = "metrics";

        var problems = ManifestChecker.Problems(documents);

        Assert.Contains("Service/broker-api: its selector selects no pods", problems);
        Assert.Contains(problems, p => p.StartsWith("PodDisruptionBudget/broker-silo: its selector", StringComparison.Ordinal));
        Assert.Contains("Deployment/broker-api: its selector does not select its own pod template's labels", problems);
        Assert.Contains("ServiceMonitor/broker-silo: endpoint port 'metrics' is named by none of the Services it selects", problems);
    }

    [Fact]
    public async Task A_port_no_network_policy_lets_in_is_caught()
    {
        var documents = await CopyAsync();
        var silo = Find(documents, "NetworkPolicy", "broker-silo");
        var ingress = silo["spec"]!["ingress"]!.AsArray();
        ingress.RemoveAt(1); // the gateway, from the API

        var problems = ManifestChecker.Problems(documents);

        Assert.Equal(["StatefulSet/broker-silo: port 30000 (gateway) is let in by no NetworkPolicy"], problems);
    }

    [Fact]
    public async Task A_secret_with_values_is_caught()
    {
        var documents = await CopyAsync();
        documents.Add(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "broker-db-connection", ["namespace"] = "broker-system" },
            ["stringData"] = new JsonObject { ["connection-string"] = "Host=db;Password=hunter2" },
        });

        Assert.Equal(["Secret/broker-db-connection embeds values: Secrets are created by the operator, never shipped in manifests"], ManifestChecker.Problems(documents));
    }
}
