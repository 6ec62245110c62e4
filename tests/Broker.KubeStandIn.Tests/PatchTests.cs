using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class PatchTests : StandInTest
{
    [Fact]
    public async Task A_merge_patch_merges_objects_replaces_lists_and_removes_keys_set_to_null()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8"), ("requests.memory", "32Gi"), ("pods", "10")), ns);
        var patch = "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}},\"spec\":{\"hard\":{\"requests.cpu\":\"16\",\"pods\":null},\"scopes\":[\"NotTerminating\"]}}";

        var patched = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "compute", ns);

        Assert.Equal("gold", patched.Metadata.Labels["tier"]);
        Assert.Equal(["requests.cpu", "requests.memory"], patched.Spec.Hard.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("16", patched.Spec.Hard["requests.cpu"].ToString());
        Assert.Equal(["NotTerminating"], patched.Spec.Scopes);
    }

    [Fact]
    public async Task A_strategic_merge_patch_is_taken_as_a_merge_patch()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8")), ns);

        var patched = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"requests.memory\":\"4Gi\"}}}", V1Patch.PatchType.StrategicMergePatch), "compute", ns);

        Assert.Equal(2, patched.Spec.Hard.Count);
        Assert.Equal("application/strategic-merge-patch+json", StandIn.Requests.Entries[^1].ContentType);
    }

    [Fact]
    public async Task A_json_patch_applies_its_operations_in_order()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8"), ("pods", "10")), ns);
        var patch = """
            [
              {"op":"test","path":"/spec/hard/requests.cpu","value":"8"},
              {"op":"replace","path":"/spec/hard/requests.cpu","value":"12"},
              {"op":"remove","path":"/spec/hard/pods"},
              {"op":"add","path":"/metadata/labels","value":{"broker/owner":"x"}},
              {"op":"move","from":"/metadata/labels/broker~1owner","path":"/metadata/labels/owner"},
              {"op":"add","path":"/spec/scopes","value":[]},
              {"op":"add","path":"/spec/scopes/-","value":"NotBestEffort"}
            ]
            """;

        var patched = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "compute", ns);

        Assert.Equal("12", Assert.Single(patched.Spec.Hard).Value.ToString());
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "x" }, patched.Metadata.Labels);
        Assert.Equal(["NotBestEffort"], patched.Spec.Scopes);
    }

    [Fact]
    public async Task A_json_patch_whose_test_fails_changes_nothing_and_is_refused_with_422()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8")), ns);
        var patch = "[{\"op\":\"replace\",\"path\":\"/spec/hard/requests.cpu\",\"value\":\"12\"},{\"op\":\"test\",\"path\":\"/spec/hard/requests.cpu\",\"value\":\"8\"}]";

        await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "compute", ns));

        var read = await Client.CoreV1.ReadNamespacedResourceQuotaAsync("compute", ns);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("8", read.Spec.Hard["requests.cpu"].ToString());
    }

    [Fact]
    public async Task A_json_patch_on_a_missing_path_is_refused_with_422()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8")), ns);

        await KubeAssert.FailsAsync(422, "Invalid", () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("[{\"op\":\"remove\",\"path\":\"/spec/nothing\"}]", V1Patch.PatchType.JsonPatch), "compute", ns));
    }

    [Fact]
    public async Task A_patch_that_carries_a_stale_resource_version_fails_with_409_Conflict()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8")), ns);
        await Client.CoreV1.PatchNamespacedResourceQuotaAsync(new V1Patch("{\"spec\":{\"hard\":{\"pods\":\"5\"}}}", V1Patch.PatchType.MergePatch), "compute", ns);
        var stale = $"{{\"metadata\":{{\"resourceVersion\":\"{created.Metadata.ResourceVersion}\"}},\"spec\":{{\"hard\":{{\"pods\":\"6\"}}}}}}";

        await KubeAssert.FailsAsync(409, "Conflict",
            () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "compute", ns));
    }

    [Fact]
    public async Task Patching_a_missing_object_fails_with_404()
    {
        var ns = await NamespaceAsync();

        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{}", V1Patch.PatchType.MergePatch), "compute", ns));
    }

    [Fact]
    public async Task Force_on_a_non_apply_patch_is_refused_with_422()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedResourceQuotaAsync(Quota("compute", ("requests.cpu", "8")), ns);

        var status = await KubeAssert.FailsAsync(422, "Invalid", () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{}", V1Patch.PatchType.MergePatch), "compute", ns, force: true));

        Assert.Equal("force", Assert.Single(status.Details.Causes).Field);
    }

    internal static V1ResourceQuota Quota(string name, params (string Key, string Value)[] hard) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ResourceQuotaSpec { Hard = hard.ToDictionary(h => h.Key, h => new ResourceQuantity(h.Value)) },
    };
}
