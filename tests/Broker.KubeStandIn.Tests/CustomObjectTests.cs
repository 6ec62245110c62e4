using System.Text.Json.Nodes;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class CustomObjectTests : StandInTest
{
    [Fact]
    public async Task A_virtual_machine_round_trips_through_custom_object_calls()
    {
        var ns = await NamespaceAsync();

        var created = Objects.Json(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", ns, "virtualmachines"));
        var read = Objects.Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        var list = Objects.Json(await Client.CustomObjects.ListNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines"));

        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        Assert.Equal(ns, Objects.Text(read["metadata"]!["namespace"]));
        Assert.Equal(2, (int)read["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]!);
        Assert.Equal("VirtualMachineList", Objects.Text(list["kind"]));
        Assert.Equal("VirtualMachine", Objects.Text(list["items"]![0]!["kind"]));
    }

    [Fact]
    public async Task Writes_to_the_main_resource_ignore_status_and_writes_to_status_touch_only_status()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        vm["status"] = new JsonObject { ["ready"] = true };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(vm, "kubevirt.io", "v1", ns, "virtualmachines");

        var afterCreate = StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1"))!;
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"status\":{\"ready\":true},\"spec\":{\"runStrategy\":\"Halted\"}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1");
        var afterMainPatch = StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1"))!;
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("{\"status\":{\"ready\":true},\"spec\":{\"runStrategy\":\"Always\"}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1");
        var afterStatusPatch = StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1"))!;

        Assert.Null(afterCreate["status"]);
        Assert.Null(afterMainPatch["status"]);
        Assert.Equal("Halted", Objects.Text(afterMainPatch["spec"]!["runStrategy"]));
        Assert.True((bool)afterStatusPatch["status"]!["ready"]!);
        Assert.Equal("Halted", Objects.Text(afterStatusPatch["spec"]!["runStrategy"]));
        Assert.Equal("status", Assert.Single(ManagedEntries(afterStatusPatch), e => e["subresource"] is not null)["subresource"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_kinds_with_a_status_subresource_have_a_status_path()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(PatchTests.Quota("q", ("pods", "1")), ns);
        using var http = new HttpClient();

        using var secretStatus = await http.GetAsync(new Uri($"{StandIn.Url}/api/v1/namespaces/{ns}/secrets/s/status"));
        var quotaStatus = await Client.CoreV1.ReadNamespacedResourceQuotaStatusAsync("q", ns);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, secretStatus.StatusCode);
        Assert.Contains("the server could not find the requested resource", await secretStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("q", quotaStatus.Metadata.Name);
    }

    [Fact]
    public async Task Unknown_resources_are_stored_too_with_the_kind_of_their_body()
    {
        var ns = await NamespaceAsync();
        var widget = new JsonObject
        {
            ["apiVersion"] = "example.broker/v1alpha1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w" },
            ["spec"] = new JsonObject { ["size"] = 3 },
            ["status"] = new JsonObject { ["phase"] = "kept" },
        };

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.broker", "v1alpha1", ns, "widgets");
        var list = Objects.Json(await Client.CustomObjects.ListNamespacedCustomObjectAsync("example.broker", "v1alpha1", ns, "widgets"));

        Assert.Equal("WidgetList", Objects.Text(list["kind"]));
        Assert.Equal("kept", Objects.Text(list["items"]![0]!["status"]!["phase"]));
    }

    [Fact]
    public async Task Extra_resource_types_can_declare_a_cluster_scope()
    {
        await using var standIn = await KubeStandIn.StartAsync(new KubeStandInOptions
        {
            TimeProvider = Time,
            ExtraResourceTypes = [ResourceType.Custom("example.broker", "v1", "zones", "Zone", namespaced: false)],
        });
        var zone = new JsonObject { ["apiVersion"] = "example.broker/v1", ["kind"] = "Zone", ["metadata"] = new JsonObject { ["name"] = "east" } };

        await standIn.Client().CustomObjects.CreateClusterCustomObjectAsync(zone, "example.broker", "v1", "zones");

        Assert.NotNull(standIn.Peek(new ResourceRef("example.broker", "zones", null, "east")));
        await KubeAssert.FailsAsync(404, "NotFound",
            () => standIn.Client().CustomObjects.GetNamespacedCustomObjectAsync("example.broker", "v1", "default", "zones", "east"));
    }

    [Fact]
    public async Task Generate_name_makes_a_unique_name_from_the_prefix()
    {
        var ns = await NamespaceAsync();

        var created = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { GenerateName = "token-" } }, ns);

        Assert.Matches("^token-[a-z0-9]{5}$", created.Metadata.Name);
    }

    private static IEnumerable<JsonObject> ManagedEntries(JsonObject obj) => ((JsonArray)obj["metadata"]!["managedFields"]!).OfType<JsonObject>();
}
