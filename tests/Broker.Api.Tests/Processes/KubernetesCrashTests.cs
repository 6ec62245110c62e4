using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.KubeStandIn;
using Broker.CrashHost;
using Broker.TestSupport.Postgres;
using k8s;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

/// <summary>
/// The broker as a child process on the Kubernetes backend (a kubeconfig naming the API server stand-in, which runs
/// in this test process and outlives the broker), killed by a test crash point exactly between a Kubernetes write and
/// the resource grain's journal write of its outcome, then restarted.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class KubernetesCrashTests
{
    private const string Code = "housing-fund";
    private const string Pool = "kube-crash";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kills_between_a_kubernetes_write_and_the_state_write_leave_no_duplicate_or_orphan_and_quota_and_capacity_match_the_live_vms()
    {
        // Slow enough that an order's answer (its VMs applied, not ready yet) comes before the first VM is ready.
        await using var kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions { ControllerDelay = TimeSpan.FromSeconds(1), RunControllersInBackground = true });
        var kubeconfig = await StandInKubeconfig.WriteAsync(kube);
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("kubecrash");
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-kubecrash-{Guid.NewGuid():n}.key");
        var clusterId = $"kubecrash-{Guid.NewGuid():n}";
        var ports = BrokerProcess.Ports.Fresh();
        try
        {
            // 1. Crash after the apply that finds a VM ready, before the grain records it ready.
            await using (var first = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, Settings(kubeconfig), crashPoint: "kubernetes-after-apply-ready"))
            {
                await TolerateCrash(first.As("dept-member", Code).Send(HttpMethod.Post, $"/api/departments/{Code}/orders", SelfService.Vms("core", 3)));
                await ExpectCrash(first, "after the apply of");
            }

            var journal = await JournalStatesAsync(database);
            Assert.Equal(3, journal.Count);
            Assert.Contains(journal, r => r.Value == "provisioning" && IsReady(kube, r.Key));

            // 2. Restart: the resource is applied again (no second object) and converges; then a delete crashes after the
            //    object is gone, before the grain records the deletion.
            string deleted;
            await using (var second = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, Settings(kubeconfig), crashPoint: "kubernetes-after-delete"))
            {
                var live = await ConvergedAsync(second, expected: 3);
                await AssertMatchesLiveAsync(second, kube, live);
                deleted = live[0];
                await TolerateCrash(second.As("dept-admin", Code).Send(HttpMethod.Delete, $"/api/departments/{Code}/resources/{deleted}"));
                await ExpectCrash(second, "after the delete of");
            }

            Assert.Equal("deleting", (await JournalStatesAsync(database))[deleted]);
            Assert.Null(kube.Peek(ResourceRef.VirtualMachine($"dept-{Code}", deleted)));

            // 3. Restart: the deletion is confirmed again and the quota and the pool's allocation are given back.
            await using var third = await BrokerProcess.StartAsync(database, keyFile, clusterId, ports, Settings(kubeconfig));
            var remaining = await ConvergedAsync(third, expected: 2);
            Assert.DoesNotContain(deleted, remaining);
            await AssertMatchesLiveAsync(third, kube, remaining);
        }
        finally
        {
            File.Delete(kubeconfig);
            File.Delete(keyFile);
        }
    }

    private static Dictionary<string, string?> Settings(string kubeconfig) => new()
    {
        ["Broker:Demo:Seed"] = "true",
        ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfig,
        ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
        ["Broker:Provisioning:ObserveInterval"] = "00:00:00.200",
        ["Broker:Provisioning:ReconcileReminderPeriod"] = "00:00:05",
        // A pool feeding the Kubernetes backend, after the demo pools of appsettings.json (indexes 0 to 2).
        ["Broker:Capacity:Pools:3:Name"] = Pool,
        ["Broker:Capacity:Pools:3:Zones:0"] = "extranet",
        ["Broker:Capacity:Pools:3:Backend"] = "kubernetes",
        ["Broker:Capacity:Pools:3:Physical:vcpu"] = "64",
        ["Broker:Capacity:Pools:3:Physical:memory_gib"] = "256",
    };

    /// <summary>The call may or may not have been answered before the crash point it set off killed the broker.</summary>
    private static async Task TolerateCrash(Task<HttpResponseMessage> call)
    {
        try
        {
            var response = await call;
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            // The connection died with the process.
        }
    }

    private static async Task ExpectCrash(BrokerProcess broker, string where)
    {
        Assert.NotEqual(0, await broker.WaitForExitAsync(Deadline));
        Assert.Contains($"{CrashPoints.EnvironmentVariable}: crashing {where}", broker.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits until the department has <paramref name="expected"/> live resources, all ready; their ids.</summary>
    private static async Task<List<string>> ConvergedAsync(BrokerProcess broker, int expected)
    {
        var reader = broker.As("dept-reader", Code);
        // The grains converge on their own timers.
        var live = await Eventually(
            async () =>
            {
                var all = (await reader.Send(HttpMethod.Get, $"/api/departments/{Code}/resources").Expect(HttpStatusCode.OK))["items"]!.AsArray();
                return all.Select(r => r!).Where(r => (string)r["state"]! != "deleted").ToList();
            },
            now => now.Count == expected && now.All(r => (string)r["state"]! == "ready"),
            Deadline);

        Assert.Equal(expected, live.Count);
        Assert.All(live, r => Assert.Equal("ready", (string)r["state"]!));
        Assert.All(live, r => Assert.Equal(Pool, (string)r["pool"]!));
        return [.. live.Select(r => (string)r["id"]!).Order(StringComparer.Ordinal)];
    }

    /// <summary>One VirtualMachine per live resource and none other; quota used and the pool's allocation equal to them.</summary>
    private static async Task AssertMatchesLiveAsync(BrokerProcess broker, KubeStandIn.KubeStandIn kube, List<string> live)
    {
        var list = await kube.Client().CustomObjects.ListNamespacedCustomObjectAsync(
            "kubevirt.io", "v1", $"dept-{Code}", "virtualmachines", labelSelector: $"broker.gov/department={Code}");
        var labelled = JsonSerializer.SerializeToElement(list).GetProperty("items").EnumerateArray()
            .Select(vm => vm.GetProperty("metadata").GetProperty("labels").GetProperty("broker.gov/resource-id").GetString()!)
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(live, labelled);

        var quota = await broker.As("dept-reader", Code).Send(HttpMethod.Get, $"/api/departments/{Code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(2 * live.Count, SelfService.Figure(quota, "vcpu", "used"));
        Assert.Equal(live.Count, SelfService.Figure(quota, "vms", "used"));
        Assert.Equal(0, SelfService.Figure(quota, "vcpu", "reserved"));

        var report = await broker.As("platform-admin").Send(HttpMethod.Get, "/api/platform/capacity").Expect(HttpStatusCode.OK);
        var dimensions = report["pools"]!.AsArray().Single(p => (string)p!["name"]! == Pool)!["dimensions"]!.AsArray();
        var vcpu = dimensions.Single(d => (string)d!["dimension"]! == "vcpu")!;
        Assert.Equal(2 * live.Count, (long)vcpu["allocated"]!);
        Assert.Equal(0, (long)vcpu["reserved"]!);
        Assert.Equal(4 * live.Count, (long)dimensions.Single(d => (string)d!["dimension"]! == "memory_gib")!["allocated"]!);
    }

    private static bool IsReady(KubeStandIn.KubeStandIn kube, string resourceId) =>
        kube.Peek(ResourceRef.VirtualMachine($"dept-{Code}", resourceId))?["status"]?["ready"]?.GetValue<bool>() == true;

    /// <summary>What the broker's journal says of each resource, read past the (dead) broker.</summary>
    private static async Task<Dictionary<string, string>> JournalStatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id, state from broker.resources where department = @department", connection);
        command.Parameters.AddWithValue("department", Code);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }

        return states;
    }
}
