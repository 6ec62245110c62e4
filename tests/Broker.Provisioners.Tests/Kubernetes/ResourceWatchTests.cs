using System.Collections.Concurrent;
using Broker.KubeStandIn;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using k8s;
using k8s.Models;
using static Broker.TestSupport.Polling;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>
/// The list-then-watch against the API server stand-in, with a sink that records what it is told: renewals resume from
/// the last resourceVersion, a 410 Expired makes it list again, and its own applies are never reported as drift.
/// </summary>
public sealed class ResourceWatchTests : IAsyncLifetime
{
    private const int History = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly RecordingSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private KubeStandIn.KubeStandIn _kube = null!;
    private KubernetesProvisioner _provisioner = null!;
    private Task _watching = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions { ControllerDelay = TimeSpan.Zero, WatchHistoryLimit = History });
        var options = TestKube.Options;
        options.Watch = new ResourceWatchOptions { Timeout = TimeSpan.FromSeconds(1), FirstBackoff = TimeSpan.FromMilliseconds(50) };
        _provisioner = new KubernetesProvisioner(_kube.Client(), options);
        _watching = _provisioner.CreateWatch(_sink).RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _kube.DisposeAsync();
    }

    [Fact]
    public async Task The_watch_renews_every_timeout_from_where_it_was_without_listing_again()
    {
        await Eventually(() => _kube.Requests.Of("watch", "virtualmachines").Count >= 3, Deadline);

        Assert.Single(_kube.Requests.Of("list", "virtualmachines"));
        Assert.Empty(_sink.Restarts);
    }

    [Fact]
    public async Task Its_own_apply_is_not_drift_and_an_edit_behind_its_back_is()
    {
        await _provisioner.ApplyAsync(Vm("vm-1"));
        await _provisioner.ApplyAsync(Vm("vm-1") with { Vcpu = 4 });

        await EditCoresAsync("vm-1", 16);

        var drift = await Eventually(() => Task.FromResult(_sink.Drifts.ToList()), d => d.Count > 0, Deadline);
        Assert.Equal([new ResourceDrift(WorkloadKind.Vm, "vm-1", "watch", DriftReason.Spec)], drift);
    }

    [Fact]
    public async Task After_a_410_Expired_it_lists_again_and_still_sees_the_next_deletion()
    {
        await _provisioner.ApplyAsync(Vm("vm-2"));
        await Eventually(() => _kube.Requests.Of("watch", "virtualmachines").Count >= 2, Deadline);

        for (var i = 0; i <= History; i++)
        {
            await _kube.Client().CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"filler-{i}" } }, "default");
        }

        await Eventually(() => _sink.Restarts.Contains((WorkloadKind.Vm, "expired")), Deadline);
        await Eventually(() => _kube.Requests.Of("list", "virtualmachines").Count >= 2, Deadline);
        await _kube.Client().CustomObjects.DeleteNamespacedCustomObjectAsync("kubevirt.io", "v1", "dept-watch", "virtualmachines", "vm-2");

        await Eventually(() => _sink.Drifts.Contains(new ResourceDrift(WorkloadKind.Vm, "vm-2", "watch", DriftReason.Missing)), Deadline);
    }

    private static DesiredResource Vm(string id) =>
        new(id, WorkloadKind.Vm, "watch", "portal", "vm-standard", 1, "silver", "extranet", 2, 8, 50, true, Image: "debian-12");

    private Task EditCoresAsync(string id, int cores) =>
        _kube.Client().CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"template\":{\"spec\":{\"domain\":{\"cpu\":{\"cores\":" + cores + "}}}}}}", V1Patch.PatchType.MergePatch),
            "kubevirt.io", "v1", "dept-watch", "virtualmachines", id);

    private sealed class RecordingSink : IResourceWatchSink
    {
        public ConcurrentQueue<ResourceDrift> Drifts { get; } = new();

        public ConcurrentQueue<(WorkloadKind, string)> Restarts { get; } = new();

        public Task<IReadOnlyDictionary<string, string>> LiveAsync(WorkloadKind kind, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public ValueTask DriftedAsync(ResourceDrift drift, CancellationToken cancellationToken)
        {
            Drifts.Enqueue(drift);
            return ValueTask.CompletedTask;
        }

        public void Restarted(WorkloadKind kind, string reason) => Restarts.Enqueue((kind, reason));
    }
}
