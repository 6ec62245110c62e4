using System.Net;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class ApplyTests : StandInTest
{
    [Fact]
    public async Task Apply_creates_an_absent_object_with_201_and_updates_it_with_200()
    {
        var ns = await NamespaceAsync();

        using var created = await Client.CoreV1.PatchNamespacedResourceQuotaWithHttpMessagesAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");
        using var updated = await Client.CoreV1.PatchNamespacedResourceQuotaWithHttpMessagesAsync(Apply(Quota("16")), "compute", ns, fieldManager: "broker");

        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.Response.StatusCode);
        Assert.Equal("16", updated.Body.Spec.Hard["requests.cpu"].ToString());
        Assert.Equal("application/apply-patch+yaml", StandIn.Requests.Entries[^1].ContentType);
    }

    [Fact]
    public async Task Apply_records_the_manager_and_its_fields_in_managed_fields()
    {
        var ns = await NamespaceAsync();

        var applied = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");

        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal("broker", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Equal("FieldsV1", entry.FieldsType);
        Assert.Equal("{\"f:metadata\":{\"f:labels\":{\"f:broker/department\":{}}},\"f:spec\":{\"f:hard\":{\"f:requests.cpu\":{}}}}", KubernetesJson.Serialize(entry.FieldsV1));
    }

    [Fact]
    public async Task Applying_the_same_configuration_twice_keeps_the_resource_version()
    {
        var ns = await NamespaceAsync();
        var first = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");
        Time.Advance(TimeSpan.FromMinutes(5));

        var second = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(first.Metadata.ManagedFields[0].Time, second.Metadata.ManagedFields[0].Time);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_refused_with_422_as_real_servers_do()
    {
        var ns = await NamespaceAsync();

        var status = await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns));

        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", status.Message);
    }

    [Fact]
    public async Task A_field_the_manager_stops_applying_is_removed_unless_another_manager_owns_it()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8", ("pods", "10"), ("services", "5"))), "compute", ns, fieldManager: "broker");
        await Client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"services\":\"6\"}}}", V1Patch.PatchType.MergePatch), "compute", ns, fieldManager: "operator");

        var applied = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");

        Assert.Equal(["requests.cpu", "services"], applied.Spec.Hard.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Applying_a_value_another_manager_set_conflicts_until_forced()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker");
        await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("4")), "compute", ns, fieldManager: "operator", force: true);

        var status = await KubeAssert.FailsAsync(409, "Conflict",
            () => Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker"));
        var forced = await Client.CoreV1.PatchNamespacedResourceQuotaAsync(Apply(Quota("8")), "compute", ns, fieldManager: "broker", force: true);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"operator\" using v1: .spec.hard.requests.cpu", status.Message);
        Assert.Equal(".spec.hard.requests.cpu", Assert.Single(status.Details.Causes).Field);
        Assert.Equal("8", forced.Spec.Hard["requests.cpu"].ToString());
        var broker = Assert.Single(forced.Metadata.ManagedFields, m => m.Manager == "broker");
        Assert.Contains("requests.cpu", KubernetesJson.Serialize(broker.FieldsV1), StringComparison.Ordinal);
        var operatorEntry = forced.Metadata.ManagedFields.SingleOrDefault(m => m.Manager == "operator");
        Assert.DoesNotContain("requests.cpu", KubernetesJson.Serialize(operatorEntry?.FieldsV1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_accepts_a_yaml_body_as_kubectl_style_clients_send_it()
    {
        // KubernetesClient always sends JSON (a YAML subset); other clients send YAML proper.
        var ns = await NamespaceAsync();
        const string Yaml = """
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: compute
              labels:
                broker/department: "housing-fund"
            spec:
              hard:
                requests.cpu: "8"
                pods: 10
            """;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{StandIn.Url}/api/v1/namespaces/{ns}/resourcequotas/compute?fieldManager=kubectl")
        {
            Content = new StringContent(Yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml"),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var applied = await Client.CoreV1.ReadNamespacedResourceQuotaAsync("compute", ns);
        Assert.Equal("housing-fund", applied.Metadata.Labels["broker/department"]);
        Assert.Equal("10", applied.Spec.Hard["pods"].ToString());
    }

    [Fact]
    public async Task Apply_on_a_custom_object_leaves_the_status_to_the_status_subresource()
    {
        var ns = await NamespaceAsync();
        var vm = Objects.VirtualMachine("vm-1");
        vm["status"] = new System.Text.Json.Nodes.JsonObject { ["ready"] = true };

        var applied = Objects.Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(vm.ToJsonString(), V1Patch.PatchType.ApplyPatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1", fieldManager: "broker"));

        Assert.Null(applied["status"]);
        Assert.Equal("Always", Objects.Text(applied["spec"]!["runStrategy"]));
    }

    private static V1Patch Apply(V1ResourceQuota quota) => new(quota, V1Patch.PatchType.ApplyPatch);

    private static V1ResourceQuota Quota(string cpu, params (string Key, string Value)[] more)
    {
        var hard = new Dictionary<string, ResourceQuantity> { ["requests.cpu"] = new(cpu) };
        foreach (var (key, value) in more)
        {
            hard[key] = new ResourceQuantity(value);
        }

        return new V1ResourceQuota
        {
            ApiVersion = "v1",
            Kind = "ResourceQuota",
            Metadata = new V1ObjectMeta { Name = "compute", Labels = new Dictionary<string, string> { ["broker/department"] = "housing-fund" } },
            Spec = new V1ResourceQuotaSpec { Hard = hard },
        };
    }
}
