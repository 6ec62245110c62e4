using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class ErrorStatusTests : StandInTest
{
    [Fact]
    public async Task Reading_a_missing_object_fails_with_404_NotFound_naming_it()
    {
        var ns = await NamespaceAsync();

        var status = await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.ReadNamespacedResourceQuotaAsync("compute", ns));

        Assert.Equal("resourcequotas \"compute\" not found", status.Message);
        Assert.Equal("compute", status.Details.Name);
        Assert.Equal("resourcequotas", status.Details.Kind);
    }

    [Fact]
    public async Task A_missing_custom_object_names_its_group_in_the_404()
    {
        var ns = await NamespaceAsync();

        var status = await KubeAssert.FailsAsync(404, "NotFound",
            () => Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));

        Assert.Equal("virtualmachines.kubevirt.io \"vm-1\" not found", status.Message);
        Assert.Equal("kubevirt.io", status.Details.Group);
    }

    [Fact]
    public async Task Creating_an_object_twice_fails_with_409_AlreadyExists()
    {
        var ns = await NamespaceAsync();
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "db-password" } };
        await Client.CoreV1.CreateNamespacedSecretAsync(secret, ns);

        var status = await KubeAssert.FailsAsync(409, "AlreadyExists", () => Client.CoreV1.CreateNamespacedSecretAsync(secret, ns));

        Assert.Equal("secrets \"db-password\" already exists", status.Message);
    }

    [Fact]
    public async Task A_name_that_is_not_a_DNS_subdomain_is_refused_with_422_Invalid()
    {
        var ns = await NamespaceAsync();

        var status = await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "Bad_Name" } }, ns));

        Assert.StartsWith("Secret \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", status.Message, StringComparison.Ordinal);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal("metadata.name", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
    }

    [Fact]
    public async Task A_missing_name_is_refused_with_422_Invalid()
    {
        var ns = await NamespaceAsync();

        var status = await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta() }, ns));

        Assert.Equal("FieldValueRequired", Assert.Single(status.Details.Causes).Reason);
    }

    [Fact]
    public async Task Namespace_and_service_names_must_be_DNS_labels()
    {
        await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "a.b" } }));
        var ns = await NamespaceAsync();
        await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "1st-db" } }, ns));
    }

    [Fact]
    public async Task An_invalid_label_value_is_refused_with_422_Invalid()
    {
        var ns = await NamespaceAsync();
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "s", Labels = new Dictionary<string, string> { ["department"] = "住房公积金" } } };

        var status = await KubeAssert.FailsAsync(422, "Invalid", () => Client.CoreV1.CreateNamespacedSecretAsync(secret, ns));

        Assert.Equal("metadata.labels", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task A_custom_object_whose_kind_does_not_match_the_url_is_refused_with_422_Invalid()
    {
        var ns = await NamespaceAsync();
        var body = Objects.VirtualMachine("vm-1");
        body["kind"] = "VirtualMachineInstance";

        var status = await KubeAssert.FailsAsync(422, "Invalid",
            () => Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "kubevirt.io", "v1", ns, "virtualmachines"));

        Assert.Equal("kind", Assert.Single(status.Details.Causes).Field);
        Assert.Contains("must be VirtualMachine", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_in_a_namespace_that_does_not_exist_fails_with_404_for_the_namespace()
    {
        var status = await KubeAssert.FailsAsync(404, "NotFound",
            () => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "nowhere"));

        Assert.Equal("namespaces \"nowhere\" not found", status.Message);
        Assert.Equal("namespaces", status.Details.Kind);
    }

    [Fact]
    public async Task Creating_an_object_that_carries_a_resource_version_is_a_bad_request()
    {
        var ns = await NamespaceAsync();
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "s", ResourceVersion = "7" } };

        var status = await KubeAssert.FailsAsync(400, "BadRequest", () => Client.CoreV1.CreateNamespacedSecretAsync(secret, ns));

        Assert.Equal("resourceVersion should not be set on objects to be created", status.Message);
    }

    [Fact]
    public async Task A_namespaced_resource_addressed_without_a_namespace_is_not_found()
    {
        var status = await KubeAssert.FailsAsync(404, "NotFound",
            () => Client.CustomObjects.GetClusterCustomObjectAsync("kubevirt.io", "v1", "virtualmachines", "vm-1"));

        Assert.Equal("the server could not find the requested resource", status.Message);
    }

    [Fact]
    public async Task Replacing_an_object_that_does_not_exist_fails_with_404()
    {
        var ns = await NamespaceAsync();

        await KubeAssert.FailsAsync(404, "NotFound",
            () => Client.CoreV1.ReplaceNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "s", ns));
    }

    [Fact]
    public async Task Replacing_with_a_body_that_names_another_object_is_a_bad_request()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "a" } }, ns);

        var status = await KubeAssert.FailsAsync(400, "BadRequest",
            () => Client.CoreV1.ReplaceNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, "a", ns));

        Assert.Equal("the name of the object (b) does not match the name on the URL (a)", status.Message);
    }
}
