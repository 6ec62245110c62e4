using System.Text.Json.Nodes;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class DeletionTests : StandInTest
{
    [Fact]
    public async Task Deleting_a_built_in_object_answers_a_Success_status_and_it_is_gone()
    {
        var ns = await NamespaceAsync();
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);

        var status = await Client.CoreV1.DeleteNamespacedSecretAsync("s", ns);

        Assert.Equal("Success", status.Status);
        Assert.Equal(secret.Metadata.Uid, status.Details.Uid);
        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.ReadNamespacedSecretAsync("s", ns));
        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.DeleteNamespacedSecretAsync("s", ns));
    }

    [Fact]
    public async Task Deleting_a_custom_object_answers_the_deleted_object()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", ns, "virtualmachines");

        var deleted = Objects.Json(await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));

        Assert.Equal("VirtualMachine", Objects.Text(deleted["kind"]));
        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1")));
    }

    [Fact]
    public async Task An_object_with_finalizers_is_only_marked_for_deletion_until_they_are_removed()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        vm["metadata"]!["finalizers"] = new JsonArray("broker/cleanup", "other/cleanup");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(vm, "kubevirt.io", "v1", ns, "virtualmachines");

        var marked = Objects.Json(await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        var again = Objects.Json(await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]", V1Patch.PatchType.JsonPatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1");
        var stillThere = StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1"));
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1");

        Assert.Equal("2026-01-05T08:00:00Z", Objects.Text(marked["metadata"]!["deletionTimestamp"]));
        Assert.Equal(marked["metadata"]!["resourceVersion"]!.ToJsonString(), again["metadata"]!["resourceVersion"]!.ToJsonString());
        Assert.NotNull(stillThere);
        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1")));
    }

    [Fact]
    public async Task No_finalizer_can_be_added_to_an_object_being_deleted()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s", Finalizers = ["a/b"] } }, ns);
        await Client.CoreV1.DeleteNamespacedSecretAsync("s", ns);

        var status = await KubeAssert.FailsAsync(422, "Invalid", () => Client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":[\"a/b\",\"c/d\"]}}", V1Patch.PatchType.MergePatch), "s", ns));

        Assert.Equal("metadata.finalizers", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.PostgresCluster("db"), "postgresql.cnpg.io", "v1", ns, "clusters");
        await NamespaceAsync("bystander");
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "bystander");

        await Client.CoreV1.DeleteNamespaceAsync(ns);

        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.ReadNamespaceAsync(ns));
        Assert.Null(StandIn.Peek(ResourceRef.Secret(ns, "s")));
        Assert.Null(StandIn.Peek(ResourceRef.PostgresCluster(ns, "db")));
        Assert.NotNull(StandIn.Peek(ResourceRef.Secret("bystander", "s")));
    }

    [Fact]
    public async Task A_namespace_stays_terminating_while_its_content_has_finalizers_and_refuses_new_content()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["broker/cleanup"] } }, ns);

        await Client.CoreV1.DeleteNamespaceAsync(ns);
        var terminating = await Client.CoreV1.ReadNamespaceAsync(ns);
        var status = await KubeAssert.FailsAsync(403, "Forbidden",
            () => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "new" } }, ns));
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);

        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal($"secrets \"new\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", status.Message);
        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.ReadNamespaceAsync(ns));
    }

    [Fact]
    public async Task Deleting_an_owner_collects_the_objects_it_owns_unless_orphaned()
    {
        var ns = await NamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        var reference = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true };
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "owned", OwnerReferences = [reference] } }, ns);
        var second = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept-owner" } }, ns);
        var keptReference = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "kept-owner", Uid = second.Metadata.Uid };
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "orphan", OwnerReferences = [keptReference] } }, ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("kept-owner", ns, propagationPolicy: "Orphan");

        Assert.Null(StandIn.Peek(ResourceRef.Secret(ns, "owned")));
        var orphan = await Client.CoreV1.ReadNamespacedSecretAsync("orphan", ns);
        Assert.Empty(orphan.Metadata.OwnerReferences ?? []);
    }

    [Fact]
    public async Task A_delete_precondition_on_a_stale_resource_version_fails_with_409()
    {
        var ns = await NamespaceAsync();
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", V1Patch.PatchType.MergePatch), "s", ns);

        var status = await KubeAssert.FailsAsync(409, "Conflict", () => Client.CoreV1.DeleteNamespacedSecretAsync(
            "s", ns, new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = secret.Metadata.ResourceVersion } }));

        Assert.Contains("Precondition failed", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_collection_removes_what_the_selector_picks()
    {
        var ns = await NamespaceAsync();
        foreach (var (name, tier) in new[] { ("a", "gold"), ("b", "gold"), ("c", "silver") })
        {
            await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } } }, ns);
        }

        await Client.CoreV1.DeleteCollectionNamespacedSecretAsync(ns, labelSelector: "tier=gold");

        Assert.Equal(["c"], (await Client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Select(s => s.Metadata.Name));
    }
}
