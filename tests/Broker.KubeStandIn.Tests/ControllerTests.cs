using System.Text;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;
using static Broker.TestSupport.Polling;

namespace Broker.KubeStandIn.Tests;

public sealed class ControllerTests : StandInTest
{
    [Fact]
    public async Task A_virtual_machine_meant_to_run_starts_and_becomes_ready_after_the_delay()
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, Objects.VirtualMachine("vm-1"));

        StandIn.Controllers.RunOnce();
        var starting = await VmAsync(ns, "vm-1");
        Time.Advance(ControllerDelay - TimeSpan.FromSeconds(1));
        StandIn.Controllers.RunOnce();
        var stillStarting = await VmAsync(ns, "vm-1");
        Time.Advance(TimeSpan.FromSeconds(1));
        StandIn.Controllers.RunOnce();
        var running = await VmAsync(ns, "vm-1");

        Assert.Equal("Starting", Objects.Text(starting["status"]!["printableStatus"]));
        Assert.Equal("Starting", Objects.Text(stillStarting["status"]!["printableStatus"]));
        Assert.Equal("Running", Objects.Text(running["status"]!["printableStatus"]));
        Assert.True((bool)running["status"]!["ready"]!);
        var vmi = Objects.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachineinstances", "vm-1"));
        Assert.Equal("Running", Objects.Text(vmi["status"]!["phase"]));
        Assert.StartsWith("standin-node-", Objects.Text(vmi["status"]!["nodeName"]), StringComparison.Ordinal);
        Assert.StartsWith("10.244.", Objects.Text(vmi["status"]!["interfaces"]![0]!["ipAddress"]), StringComparison.Ordinal);
        Assert.Equal("vm-1", Objects.Text(vmi["metadata"]!["ownerReferences"]![0]!["name"]));
    }

    [Fact]
    public async Task The_gate_adds_up_the_time_requests_and_controller_passes_hold_it()
    {
        var ns = await NamespaceAsync();
        var before = StandIn.GateHeld;

        await CreateVmAsync(ns, Objects.VirtualMachine("vm-1"));
        var afterRequest = StandIn.GateHeld;
        StandIn.Controllers.RunOnce();
        var afterPass = StandIn.GateHeld;

        Assert.True(afterRequest > before, $"a request held the gate: {before} then {afterRequest}");
        Assert.True(afterPass > afterRequest, $"a controller pass held the gate: {afterRequest} then {afterPass}");
    }

    [Theory]
    [InlineData("Halted")]
    [InlineData("Manual")]
    public async Task A_virtual_machine_not_meant_to_run_shows_Stopped_without_an_instance(string runStrategy)
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, Objects.VirtualMachine("vm-1", runStrategy));

        SettleControllers();

        var vm = await VmAsync(ns, "vm-1");
        Assert.Equal("Stopped", Objects.Text(vm["status"]!["printableStatus"]));
        Assert.False((bool)vm["status"]!["ready"]!);
        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachineInstance(ns, "vm-1")));
    }

    [Fact]
    public async Task The_deprecated_running_field_is_honoured()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        ((JsonObject)vm["spec"]!).Remove("runStrategy");
        vm["spec"]!["running"] = true;
        await CreateVmAsync(ns, vm);

        SettleControllers();

        Assert.Equal("Running", Objects.Text((await VmAsync(ns, "vm-1"))["status"]!["printableStatus"]));
    }

    [Fact]
    public async Task Halting_a_running_virtual_machine_stops_it_after_the_delay()
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, Objects.VirtualMachine("vm-1"));
        SettleControllers();

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"runStrategy\":\"Halted\"}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1");
        StandIn.Controllers.RunOnce();
        var stopping = await VmAsync(ns, "vm-1");
        SettleControllers();
        var stopped = await VmAsync(ns, "vm-1");

        Assert.Equal("Stopping", Objects.Text(stopping["status"]!["printableStatus"]));
        Assert.Equal("Stopped", Objects.Text(stopped["status"]!["printableStatus"]));
        Assert.Equal(2, (long)stopped["status"]!["observedGeneration"]!);
        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachineInstance(ns, "vm-1")));
    }

    [Fact]
    public async Task Data_volume_templates_become_data_volumes_that_the_machine_waits_for()
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, VmWithRootDisk("vm-1"));

        StandIn.Controllers.RunOnce();
        var importing = StandIn.Peek(ResourceRef.DataVolume(ns, "vm-1-root"))!;
        SettleControllers();

        Assert.Equal("ImportInProgress", Objects.Text(importing["status"]!["phase"]));
        Assert.Equal("Succeeded", Objects.Text(StandIn.Peek(ResourceRef.DataVolume(ns, "vm-1-root"))!["status"]!["phase"]));
        Assert.Equal("Running", Objects.Text((await VmAsync(ns, "vm-1"))["status"]!["printableStatus"]));
    }

    [Fact]
    public async Task A_virtual_machine_fails_on_demand_and_recovers_when_the_failure_is_cleared()
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, Objects.VirtualMachine("vm-1"));
        SettleControllers();

        StandIn.Controllers.Fail(ResourceRef.VirtualMachine(ns, "vm-1"), "0/3 nodes are available: 3 Insufficient memory.");
        var failed = await VmAsync(ns, "vm-1");
        StandIn.Controllers.ClearFailure(ResourceRef.VirtualMachine(ns, "vm-1"));
        var recovered = await VmAsync(ns, "vm-1");

        Assert.Equal("ErrorUnschedulable", Objects.Text(failed["status"]!["printableStatus"]));
        Assert.False((bool)failed["status"]!["ready"]!);
        Assert.Contains(failed["status"]!["conditions"]!.AsArray(), c => Objects.Text(c!["message"]) == "0/3 nodes are available: 3 Insufficient memory.");
        Assert.Equal("Running", Objects.Text(recovered["status"]!["printableStatus"]));
    }

    [Fact]
    public async Task The_fail_annotation_fails_a_virtual_machine_with_its_message()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        vm["metadata"]!["annotations"] = new JsonObject { ["standin.broker/fail"] = "no GPU left" };
        await CreateVmAsync(ns, vm);

        StandIn.Controllers.RunOnce();

        var status = (await VmAsync(ns, "vm-1"))["status"]!;
        Assert.Equal("ErrorUnschedulable", Objects.Text(status["printableStatus"]));
        Assert.Equal("no GPU left", Objects.Text(status["conditions"]![0]!["message"]));
    }

    [Fact]
    public async Task A_postgres_cluster_becomes_healthy_with_its_app_secret_and_services()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.PostgresCluster("ledger", instances: 3), "postgresql.cnpg.io", "v1", ns, "clusters");

        StandIn.Controllers.RunOnce();
        var settingUp = await ClusterAsync(ns, "ledger");
        SettleControllers();
        var healthy = await ClusterAsync(ns, "ledger");

        Assert.Equal("Setting up primary", Objects.Text(settingUp["status"]!["phase"]));
        Assert.Equal("Cluster in healthy state", Objects.Text(healthy["status"]!["phase"]));
        Assert.Equal(3, (int)healthy["status"]!["readyInstances"]!);
        Assert.Equal("ledger-rw", Objects.Text(healthy["status"]!["writeService"]));
        var secret = await Client.CoreV1.ReadNamespacedSecretAsync("ledger-app", ns);
        Assert.Equal("kubernetes.io/basic-auth", secret.Type);
        Assert.Equal("ledger", Encoding.UTF8.GetString(secret.Data["dbname"]));
        Assert.Equal("ledger-rw", Encoding.UTF8.GetString(secret.Data["host"]));
        Assert.Equal("5432", Encoding.UTF8.GetString(secret.Data["port"]));
        Assert.NotEmpty(secret.Data["password"]);
        var service = await Client.CoreV1.ReadNamespacedServiceAsync("ledger-rw", ns);
        Assert.Equal(5432, service.Spec.Ports[0].Port);
    }

    [Fact]
    public async Task A_postgres_cluster_applied_with_more_instances_scales_after_the_delay()
    {
        var ns = await NamespaceAsync();
        await ApplyClusterAsync(ns, Objects.PostgresCluster("ledger", instances: 1));
        SettleControllers();

        var applied = Objects.Json(await ApplyClusterAsync(ns, Objects.PostgresCluster("ledger", instances: 3)));
        StandIn.Controllers.RunOnce();
        var scaling = await ClusterAsync(ns, "ledger");
        SettleControllers();
        var scaled = await ClusterAsync(ns, "ledger");

        Assert.Equal(2, (long)applied["metadata"]!["generation"]!);
        Assert.Equal("Waiting for the instances to become active", Objects.Text(scaling["status"]!["phase"]));
        Assert.Equal(1, (int)scaling["status"]!["readyInstances"]!);
        Assert.Equal("Cluster in healthy state", Objects.Text(scaled["status"]!["phase"]));
        Assert.Equal(3, (int)scaled["status"]!["readyInstances"]!);
        Assert.Contains(((System.Text.Json.Nodes.JsonArray)scaled["metadata"]!["managedFields"]!), m => Objects.Text(m!["manager"]) == "cnpg-manager");
    }

    [Fact]
    public async Task A_postgres_cluster_fails_on_demand()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.PostgresCluster("ledger"), "postgresql.cnpg.io", "v1", ns, "clusters");

        StandIn.Controllers.Fail(ResourceRef.PostgresCluster(ns, "ledger"), "insufficient storage");

        var status = (await ClusterAsync(ns, "ledger"))["status"]!;
        Assert.Equal("Cluster is in an unrecoverable state, needs manual intervention", Objects.Text(status["phase"]));
        Assert.Equal("insufficient storage", Objects.Text(status["phaseReason"]));
        Assert.Equal(0, (int)status["readyInstances"]!);
    }

    [Fact]
    public async Task Deleting_a_postgres_cluster_removes_what_its_controller_created()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.PostgresCluster("ledger"), "postgresql.cnpg.io", "v1", ns, "clusters");
        SettleControllers();

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("postgresql.cnpg.io", "v1", ns, "clusters", "ledger");

        Assert.Empty((await Client.CoreV1.ListNamespacedSecretAsync(ns)).Items);
        Assert.Empty((await Client.CoreV1.ListNamespacedServiceAsync(ns)).Items);
    }

    [Fact]
    public async Task Deleting_a_virtual_machine_removes_its_instance_and_data_volumes()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        vm["spec"]!["dataVolumeTemplates"] = new JsonArray(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "vm-1-root" }, ["spec"] = new JsonObject() });
        await CreateVmAsync(ns, vm);
        SettleControllers();

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1");

        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachineInstance(ns, "vm-1")));
        Assert.Null(StandIn.Peek(ResourceRef.DataVolume(ns, "vm-1-root")));
    }

    [Fact]
    public async Task A_full_pass_over_settled_objects_writes_nothing()
    {
        var ns = await NamespaceAsync();
        await CreateVmAsync(ns, VmWithRootDisk("vm-1"));
        SettleControllers();
        var refs = new[] { ResourceRef.VirtualMachine(ns, "vm-1"), ResourceRef.VirtualMachineInstance(ns, "vm-1"), ResourceRef.DataVolume(ns, "vm-1-root") };
        var before = refs.Select(r => Objects.Text(StandIn.Peek(r)!["metadata"]!["resourceVersion"])).ToList();

        // What the periodic resync does: every controlled object reconciled again, with nothing changed since.
        Time.Advance(TimeSpan.FromMinutes(1));
        StandIn.Controllers.RunOnce();

        var after = refs.Select(r => Objects.Text(StandIn.Peek(r)!["metadata"]!["resourceVersion"])).ToList();
        Assert.Equal(before, after);
        Assert.Equal("Running", Objects.Text((await VmAsync(ns, "vm-1"))["status"]!["printableStatus"]));
    }

    [Fact]
    public async Task Controllers_running_in_the_background_make_a_machine_ready_on_their_own()
    {
        await using var standIn = await KubeStandIn.StartAsync(new KubeStandInOptions
        {
            RunControllersInBackground = true,
            ControllerDelay = TimeSpan.FromMilliseconds(100),
            ControllerInterval = TimeSpan.FromMilliseconds(20),
        });
        var client = standIn.Client();
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", "default", "virtualmachines");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Waits on the condition through a watch, as a provisioner would, instead of sleeping.
        var ready = false;
        await foreach (var (_, vm) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            "kubevirt.io", "v1", "default", "virtualmachines", cancellationToken: timeout.Token))
        {
            if (Objects.Json(vm)["status"]?["ready"] is JsonValue value && value.GetValue<bool>())
            {
                ready = true;
                break;
            }
        }

        Assert.True(ready);
    }

    [Fact]
    public async Task Background_controllers_reconcile_a_machine_when_its_delay_runs_out_not_only_at_the_full_resync()
    {
        // A fake clock that never reaches the 5 s full resync: only the work queue (written objects and their due
        // times) can make the VM ready.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var standIn = await KubeStandIn.StartAsync(new KubeStandInOptions
        {
            TimeProvider = time,
            RunControllersInBackground = true,
            ControllerDelay = TimeSpan.FromSeconds(2),
            ControllerInterval = TimeSpan.FromMilliseconds(50),
        });
        await standIn.Client().CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", "default", "virtualmachines");
        var vm = ResourceRef.VirtualMachine("default", "vm-1");

        for (var step = 0; step < 20; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.NotEqual(true, (bool?)standIn.Peek(vm)!["status"]?["ready"]);
        for (var step = 0; step < 22; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(Broker.KubeStandIn.Controllers.FakeControllers.ResyncPeriod > TimeSpan.FromMilliseconds(50 * 42));
        // The ticks have fired on the fake clock; their work runs on the thread pool.
        await Eventually(() => (bool?)standIn.Peek(vm)!["status"]?["ready"] == true, TimeSpan.FromSeconds(20));
        Assert.NotNull(standIn.Peek(ResourceRef.VirtualMachineInstance("default", "vm-1")));
    }

    private Task<object> ApplyClusterAsync(string ns, JsonObject cluster) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(cluster.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            "postgresql.cnpg.io", "v1", ns, "clusters", Objects.Text(cluster["metadata"]!["name"]), fieldManager: "broker");

    private Task<object> CreateVmAsync(string ns, JsonObject vm) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(vm, "kubevirt.io", "v1", ns, "virtualmachines");

    private async Task<JsonObject> VmAsync(string ns, string name) =>
        Objects.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", name));

    private async Task<JsonObject> ClusterAsync(string ns, string name) =>
        Objects.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync("postgresql.cnpg.io", "v1", ns, "clusters", name));

    /// <summary>A VM whose root disk comes from a DataVolume template (<c>NAME-root</c>, 20Gi).</summary>
    private static JsonObject VmWithRootDisk(string name)
    {
        var vm = Objects.VirtualMachine(name);
        vm["spec"]!["dataVolumeTemplates"] = new JsonArray(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{name}-root" },
            ["spec"] = new JsonObject { ["storage"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "20Gi" } } } },
        });
        return vm;
    }
}
