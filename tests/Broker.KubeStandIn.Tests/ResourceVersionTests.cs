using System.Globalization;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class ResourceVersionTests : StandInTest
{
    [Fact]
    public async Task Every_write_raises_the_resource_version_and_lists_report_the_latest()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("settings", "a"), ns);
        created.Data["key"] = "b";
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"key\":\"c\"}}", V1Patch.PatchType.MergePatch), "settings", ns);

        var versions = new[] { created, replaced, patched }.Select(m => long.Parse(m.Metadata.ResourceVersion, CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2], string.Join(",", versions));
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.Equal(patched.Metadata.ResourceVersion, list.Metadata.ResourceVersion);
        Assert.Equal(StandIn.Revision.ToString(CultureInfo.InvariantCulture), list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_replace_with_a_stale_resource_version_fails_with_409_Conflict()
    {
        var ns = await NamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("settings", "a"), ns);
        var fresh = await Client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns);
        fresh.Data["key"] = "b";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, "settings", ns);

        first.Data["key"] = "stale";
        var status = await KubeAssert.FailsAsync(409, "Conflict", () => Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "settings", ns));

        Assert.Equal("Operation cannot be fulfilled on configmaps \"settings\": the object has been modified; please apply your changes to the latest version and try again", status.Message);
        Assert.Equal("b", (await Client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns)).Data["key"]);
    }

    [Fact]
    public async Task A_replace_without_a_resource_version_is_unconditional()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("settings", "a"), ns);

        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(Map("settings", "b"), "settings", ns);

        Assert.Equal("b", replaced.Data["key"]);
    }

    [Fact]
    public async Task A_write_that_changes_nothing_keeps_the_resource_version()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("settings", "a"), ns);

        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"key\":\"a\"}}", V1Patch.PatchType.MergePatch), "settings", ns);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Generation_counts_spec_changes_but_not_metadata_or_status_changes()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", ns, "virtualmachines");

        var labelled = Objects.Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        var statusWritten = Objects.Json(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("{\"status\":{\"printableStatus\":\"Starting\"}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        var halted = Objects.Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"runStrategy\":\"Halted\"}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));

        Assert.Equal(1, (long)labelled["metadata"]!["generation"]!);
        Assert.Equal(1, (long)statusWritten["metadata"]!["generation"]!);
        Assert.Equal(2, (long)halted["metadata"]!["generation"]!);
    }

    private static V1ConfigMap Map(string name, string value) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["key"] = value } };
}
