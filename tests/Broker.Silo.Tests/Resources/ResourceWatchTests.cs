using Broker.Contracts.Namespaces;
using Broker.Contracts.Resources;
using Broker.KubeStandIn;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using static Broker.Silo.Tests.Tenancy.Departments;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Resources;

/// <summary>
/// The resource watch of a silo wired with the Kubernetes backend against the API server stand-in: drift behind the
/// broker's back is repaired without anyone calling a reconcile. Each watch request lasts a second and the stand-in
/// keeps only a short history, so that a quiet watch renews from a resourceVersion the stand-in has expired (410).
/// </summary>
public sealed class ResourceWatchTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const int History = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private KubeSilo _kubeSilo = null!;

    private KubeStandIn.KubeStandIn Kube => _kubeSilo.Kube;

    public async Task InitializeAsync() =>
        _kubeSilo = await KubeSilo.StartAsync(
            database.ConnectionString,
            new KubeStandInOptions { ControllerDelay = TimeSpan.Zero, WatchHistoryLimit = History },
            new Dictionary<string, string?> { ["Broker:Provisioning:Kubernetes:Watch:Timeout"] = "00:00:01" });

    public async Task DisposeAsync() => await _kubeSilo.DisposeAsync();

    [Fact]
    public async Task A_ready_vm_deleted_behind_the_brokers_back_is_recreated_audited_and_counted()
    {
        var code = NewCode("watch");
        var id = $"{code}-vm";
        var resource = await _kubeSilo.ReadyVmAsync(code, id);
        var original = Uid(code, id);
        var counted = BrokerMetrics.WatchDrift.WithLabels("virtualmachine", "missing").Value;

        await Kube.Client().CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id);

        await Eventually(() => Uid(code, id) is { } uid && uid != original, Deadline);
        Assert.Equal(2, await _kubeSilo.CoresAsync(code, id));
        var audit = await Eventually(
            () => _kubeSilo.Silo.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Department: code, ObjectType: "virtualmachine")),
            rows => rows.Count > 0, Deadline);
        Assert.Equal("reconcile.drift-repaired", Assert.Single(audit).Action);
        // The repair writes its audit row before it counts itself: wait for the count too, not only the row.
        await Eventually(() => BrokerMetrics.WatchDrift.WithLabels("virtualmachine", "missing").Value > counted, Deadline);
        Assert.Equal(ResourceState.Ready, (await resource.GetAsync())!.State);
    }

    [Fact]
    public async Task A_ready_vm_edited_behind_the_brokers_back_is_put_back_once_without_a_loop_of_reapplies()
    {
        var code = NewCode("watch");
        var id = $"{code}-vm";
        await _kubeSilo.ReadyVmAsync(code, id);
        var applies = Applies(id);

        await _kubeSilo.GiveMoreCoresBehindTheBrokersBackAsync(code, id);

        await Eventually(async () => await _kubeSilo.CoresAsync(code, id) == 2, Deadline);
        // The repair's own write reaches the watch as an event. A second VM's drift, seen after that event on the same
        // stream, proves the watch went past it: it caused no apply of its own.
        var sentinel = NewCode("watch");
        await _kubeSilo.ReadyVmAsync(sentinel, $"{sentinel}-vm");
        await _kubeSilo.GiveMoreCoresBehindTheBrokersBackAsync(sentinel, $"{sentinel}-vm");
        await Eventually(async () => await _kubeSilo.CoresAsync(sentinel, $"{sentinel}-vm") == 2, Deadline);
        Assert.Equal(applies + 1, Applies(id));
    }

    [Fact]
    public async Task After_the_stand_in_expires_the_watchs_resource_version_the_watch_lists_again_and_still_catches_drift()
    {
        var code = NewCode("watch");
        var id = $"{code}-vm";
        await _kubeSilo.ReadyVmAsync(code, id);
        var expired = BrokerMetrics.WatchRestarts.WithLabels("virtualmachine", "expired").Value;

        // Writes the watch does not select: its last resourceVersion falls out of the stand-in's history, and the next
        // renewal (each second) is answered 410 Expired.
        var ns = $"dept-{code}";
        for (var i = 0; i <= History; i++)
        {
            await Kube.Client().CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"filler-{i}" } }, ns);
        }

        await Eventually(() => BrokerMetrics.WatchRestarts.WithLabels("virtualmachine", "expired").Value > expired, Deadline);
        var original = Uid(code, id);
        await Kube.Client().CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", ns, "virtualmachines", id);

        await Eventually(() => Uid(code, id) is { } uid && uid != original, Deadline);
    }

    [Fact]
    public async Task With_the_watch_on_the_namespace_pass_reapplies_no_vm_that_is_present()
    {
        var code = NewCode("watch");
        var id = $"{code}-vm";
        await _kubeSilo.ReadyVmAsync(code, id);
        var applies = Applies(id);

        await _kubeSilo.Silo.Grains.GetGrain<INamespaceGrain>(code).ReconcileAsync();

        Assert.Equal(applies, Applies(id));
    }

    /// <summary>The broker's server-side applies of the VM (the test's own edits are merge patches).</summary>
    private int Applies(string id) =>
        Kube.Requests.Of("patch", "virtualmachines").Count(r => r.Request.Name == id && r.ContentType == "application/apply-patch+yaml");

    private string? Uid(string code, string id) =>
        Kube.Peek(ResourceRef.VirtualMachine($"dept-{code}", id))?["metadata"]?["uid"]?.GetValue<string>();
}
