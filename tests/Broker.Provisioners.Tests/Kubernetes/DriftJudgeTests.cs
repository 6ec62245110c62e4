using System.Text.Json.Nodes;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>
/// The resource watch's judgement of one object, without a cluster: what the broker applied, as the server gives it
/// back with fields of its own, is not drift; an edit of the broker's spec or labels is; an object without the stamp
/// or stamped under other options is to be applied again; objects outside dept-{department} are not the broker's.
/// </summary>
public sealed class DriftJudgeTests
{
    private static readonly KubernetesProvisionerOptions Options = TestKube.Options;
    private static readonly string Fingerprint = AppliedStamp.OptionsFingerprint(Options);

    private static readonly DesiredResource Vm =
        new("vm-1", WorkloadKind.Vm, "hr", "portal", "vm-standard", 1, "silver", "extranet", 2, 8, 50, true, Image: "debian-12");

    private static readonly DesiredResource Database =
        new("db-1", WorkloadKind.Database, "hr", "portal", "pg-ha", 1, "gold", "extranet", 2, 8, 50, true,
            DatabaseName: "portal", EngineVersion: "17", Instances: 2, BackupRetentionDays: 7);

    [Fact]
    public void A_vm_as_the_server_returns_it_with_defaults_status_and_its_own_key_order_is_not_drift()
    {
        var vm = AsServerReturnsIt(Applied(Vm));

        Assert.Null(DriftJudge.Judge(WorkloadKind.Vm, vm, Fingerprint));
    }

    [Fact]
    public void A_database_cluster_as_applied_is_not_drift_and_one_with_fewer_instances_is()
    {
        var cluster = AsServerReturnsIt(Applied(Database));
        Assert.Null(DriftJudge.Judge(WorkloadKind.Database, cluster, Fingerprint));

        cluster["spec"]!["instances"] = 1;

        Assert.Equal(DriftReason.Spec, DriftJudge.Judge(WorkloadKind.Database, cluster, Fingerprint));
    }

    [Fact]
    public void More_cores_given_behind_the_brokers_back_are_spec_drift()
    {
        var vm = AsServerReturnsIt(Applied(Vm));
        vm["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"] = 16;

        Assert.Equal(DriftReason.Spec, DriftJudge.Judge(WorkloadKind.Vm, vm, Fingerprint));
    }

    [Fact]
    public void A_changed_broker_label_is_drift_and_a_label_of_someone_else_is_not()
    {
        var vm = AsServerReturnsIt(Applied(Vm));
        vm["metadata"]!["labels"]!["team"] = "ops";
        Assert.Null(DriftJudge.Judge(WorkloadKind.Vm, vm, Fingerprint));

        vm["metadata"]!["labels"]![KubernetesNames.NetworkZoneLabel] = "internet";

        Assert.Equal(DriftReason.Spec, DriftJudge.Judge(WorkloadKind.Vm, vm, Fingerprint));
    }

    [Fact]
    public void An_object_without_the_stamp_or_stamped_under_other_options_is_to_be_applied_again()
    {
        var unstamped = JsonNode.Parse(ManifestJson.Serialize(ResourceManifests.VirtualMachine(Vm, Options)))!;
        Assert.Equal(DriftReason.Unstamped, DriftJudge.Judge(WorkloadKind.Vm, unstamped, Fingerprint));

        var other = new KubernetesProvisionerOptions { Images = Options.Images, VmMemoryOverheadMib = 512 };

        Assert.NotEqual(Fingerprint, AppliedStamp.OptionsFingerprint(other));
        Assert.Equal(DriftReason.Outdated, DriftJudge.Judge(WorkloadKind.Vm, Applied(Vm), AppliedStamp.OptionsFingerprint(other)));
    }

    [Fact]
    public void The_fingerprint_ignores_how_the_broker_connects_and_how_often_it_reconciles()
    {
        var elsewhere = new KubernetesProvisionerOptions
        {
            Images = Options.Images, PostgresImageRepository = Options.PostgresImageRepository, StorageClass = Options.StorageClass,
            KubeconfigPath = "/etc/broker/kubeconfig", ReconcileInterval = TimeSpan.FromMinutes(1), Watch = new ResourceWatchOptions { Resync = TimeSpan.FromHours(2) },
        };

        Assert.Equal(Fingerprint, AppliedStamp.OptionsFingerprint(elsewhere));
    }

    [Theory]
    [InlineData("dept-hr", "hr", "vm-1", true)]
    [InlineData("dept-finance", "hr", "vm-1", false)] // another department's namespace
    [InlineData("default", "hr", "vm-1", false)]
    [InlineData("dept-hr", "hr", "vm-2", false)] // name and resource-id label disagree
    public void Only_an_object_named_after_its_resource_in_its_departments_namespace_is_the_brokers(string ns, string department, string name, bool accepted)
    {
        var vm = Applied(Vm);
        vm["metadata"]!["namespace"] = ns;
        vm["metadata"]!["name"] = name;
        vm["metadata"]!["labels"]![KubernetesNames.DepartmentLabel] = department;

        Assert.Equal(accepted, DriftJudge.Identify(vm) is not null);
    }

    [Fact]
    public void The_version_key_ignores_status_and_follows_the_generation_and_the_stamp()
    {
        var vm = AsServerReturnsIt(Applied(Vm));
        var key = DriftJudge.VersionKey(vm);

        vm["status"]!["printableStatus"] = "Stopped";
        Assert.Equal(key, DriftJudge.VersionKey(vm));

        vm["metadata"]!["generation"] = 2;
        Assert.NotEqual(key, DriftJudge.VersionKey(vm));
    }

    private static JsonNode Applied(DesiredResource desired)
    {
        var manifest = desired.Kind == WorkloadKind.Vm
            ? ManifestJson.Serialize(ResourceManifests.VirtualMachine(desired, Options))
            : ManifestJson.Serialize(ResourceManifests.PostgresCluster(desired, Options));
        return JsonNode.Parse(AppliedStamp.Stamp(desired.Kind, manifest, Fingerprint))!;
    }

    /// <summary>What a real server adds: uid, generation, status, defaults inside the spec; and its own key order.</summary>
    private static JsonNode AsServerReturnsIt(JsonNode applied)
    {
        var obj = Reversed(applied)!;
        obj["metadata"]!["uid"] = "0b7c2f6e-1111-2222-3333-444455556666";
        obj["metadata"]!["generation"] = 1;
        obj["metadata"]!["resourceVersion"] = "1234";
        obj["metadata"]!["labels"]!["kubevirt.io/created-by"] = "operator";
        obj["status"] = new JsonObject { ["printableStatus"] = "Running", ["ready"] = true };
        if (obj["spec"]!["template"]?["spec"]?["domain"] is JsonObject domain)
        {
            domain["machine"] = new JsonObject { ["type"] = "q35" };
            domain["firmware"] = new JsonObject { ["uuid"] = "5d3b2a7e-0000-0000-0000-000000000001" };
        }

        return obj;
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Reversed).ToArray()),
        _ => node?.DeepClone(),
    };
}
