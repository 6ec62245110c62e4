using Broker.KubeStandIn.Faults;
using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class FaultInjectionTests : StandInTest
{
    [Fact]
    public async Task The_next_matching_requests_fail_with_the_injected_status_then_succeed()
    {
        var ns = await NamespaceAsync();
        var rule = StandIn.Faults.FailNext(2, 503, r => r.Verb == "create" && r.Resource == "virtualmachines");

        await KubeAssert.FailsAsync(503, "ServiceUnavailable", () => CreateVm(ns));
        await KubeAssert.FailsAsync(503, "ServiceUnavailable", () => CreateVm(ns));
        await CreateVm(ns);

        Assert.Equal(2, rule.Fired);
        Assert.Equal(0, rule.Remaining);
        Assert.NotNull(StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1")));
    }

    [Fact]
    public async Task Requests_the_predicate_does_not_match_are_untouched()
    {
        var ns = await NamespaceAsync();
        StandIn.Faults.FailNext(1, 500, r => r.Verb == "delete");

        await CreateVm(ns);

        Assert.Equal(1, StandIn.Faults.FailNext(1, 500, r => false).Remaining);
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        var ns = await NamespaceAsync();
        StandIn.Faults.FailNext(1, 429);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedSecretAsync(ns));

        Assert.Equal(429, (int)error.Response.StatusCode);
        Assert.Equal("1", Assert.Single(error.Response.Headers["Retry-After"]));
        Assert.Contains("\"reason\":\"TooManyRequests\"", error.Response.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(422, "Invalid")]
    [InlineData(500, "InternalError")]
    [InlineData(504, "Timeout")]
    public async Task Each_injected_code_comes_with_the_reason_real_servers_pair_with_it(int code, string reason)
    {
        var ns = await NamespaceAsync();
        StandIn.Faults.FailNext(1, code, message: "injected by the test");

        var status = await KubeAssert.FailsAsync(code, reason, () => CreateVm(ns));

        Assert.Equal("injected by the test", status.Message);
        Assert.Null(StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1")));
    }

    [Fact]
    public async Task A_failure_after_handling_lands_the_write_but_the_client_sees_the_error()
    {
        var ns = await NamespaceAsync();
        StandIn.Faults.FailNext(1, 504, r => r.Verb == "create", timing: FaultTiming.AfterHandling);

        await KubeAssert.FailsAsync(504, "Timeout", () => CreateVm(ns));

        Assert.NotNull(StandIn.Peek(ResourceRef.VirtualMachine(ns, "vm-1")));
        await KubeAssert.FailsAsync(409, "AlreadyExists", () => CreateVm(ns));
    }

    [Fact]
    public async Task Clearing_disarms_every_rule()
    {
        var ns = await NamespaceAsync();
        StandIn.Faults.FailNext(5, 500);

        StandIn.Faults.Clear();

        await CreateVm(ns);
    }

    [Fact]
    public async Task The_request_log_records_method_path_content_type_status_and_injection()
    {
        var ns = await NamespaceAsync();
        StandIn.Requests.Clear();
        StandIn.Faults.FailNext(1, 500, r => r.Verb == "patch");

        await CreateVm(ns);
        await KubeAssert.FailsAsync(500, "InternalError", () => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{}", V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", ns, "virtualmachines", "vm-1"));
        await KubeAssert.FailsAsync(404, "NotFound", () => Client.CoreV1.ReadNamespacedSecretAsync("none", ns));

        var log = StandIn.Requests.Entries;
        Assert.Equal(3, log.Count);
        Assert.Equal(("POST", $"/apis/kubevirt.io/v1/namespaces/{ns}/virtualmachines", "application/json", 201, false),
            (log[0].Method, log[0].Path, log[0].ContentType, log[0].StatusCode, log[0].Injected));
        Assert.Equal(("PATCH", "application/merge-patch+json", 500, true), (log[1].Method, log[1].ContentType, log[1].StatusCode, log[1].Injected));
        Assert.Equal(("get", "secrets", 404), (log[2].Verb, log[2].Request.Resource, log[2].StatusCode));
        Assert.Single(StandIn.Requests.Of("patch", "virtualmachines"));
    }

    private Task<object> CreateVm(string ns) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(Objects.VirtualMachine("vm-1"), "kubevirt.io", "v1", ns, "virtualmachines");
}
