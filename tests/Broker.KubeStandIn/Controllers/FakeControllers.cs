using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Controllers;

/// <summary>
/// Stand-ins for the KubeVirt (VirtualMachine, DataVolume) and CloudNativePG (Cluster) operators. An object becomes
/// ready <see cref="Delay"/> after the write that created it or changed its spec, measured on the stand-in's
/// <see cref="TimeProvider"/>. With a fake clock, advance it and call <see cref="RunOnce"/>; with
/// <see cref="KubeStandInOptions.RunControllersInBackground"/> they run on their own every
/// <see cref="KubeStandInOptions.ControllerInterval"/>. Failures on demand: <see cref="Fail"/>, or the annotation
/// <c>standin.broker/fail: "message"</c> on the object.
/// </summary>
public sealed class FakeControllers : IAsyncDisposable
{
    /// <summary>Annotate an object with this (value: the message) to make its controller fail it.</summary>
    public const string FailAnnotation = ControllerKit.FailAnnotation;

    private readonly ObjectStore store;
    private readonly Dictionary<ObjectKey, string> failures = [];
    private readonly DataVolumeController dataVolumes;
    private readonly VirtualMachineController virtualMachines;
    private readonly PostgresClusterController clusters;
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;

    internal FakeControllers(ObjectStore store, ApiServer api, TimeProvider clock, TimeSpan delay)
    {
        this.store = store;
        Delay = delay;
        var due = new DueTimes(clock, delay, new HashSet<(string, string)>
        {
            (VirtualMachineController.Group, VirtualMachineController.Plural),
            (DataVolumeController.Group, DataVolumeController.Plural),
            (PostgresClusterController.Group, PostgresClusterController.Plural),
        });
        store.Committed += due.Observe;
        var kit = new ControllerKit(store, api, due, failures);
        dataVolumes = new DataVolumeController(kit);
        virtualMachines = new VirtualMachineController(kit);
        clusters = new PostgresClusterController(kit);
    }

    /// <summary>How long after a spec change an object becomes ready.</summary>
    public TimeSpan Delay { get; }

    /// <summary>
    /// Reconciles every VirtualMachine, DataVolume and Cluster until nothing changes any more (a VM's DataVolumes and
    /// its VMI settle in one call). Safe to call at any time; each pass is atomic with respect to API requests.
    /// </summary>
    public void RunOnce()
    {
        lock (store.Gate)
        {
            for (var pass = 0; pass < 10; pass++)
            {
                var before = store.Revision;
                Reconcile(DataVolumeController.Group, DataVolumeController.Plural, dataVolumes.Reconcile);
                Reconcile(VirtualMachineController.Group, VirtualMachineController.Plural, virtualMachines.Reconcile);
                Reconcile(PostgresClusterController.Group, PostgresClusterController.Plural, clusters.Reconcile);
                if (store.Revision == before)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Makes the controller of a VirtualMachine, DataVolume or Cluster fail it with <paramref name="message"/> (VM:
    /// ErrorUnschedulable; DataVolume: Failed; Cluster: unrecoverable) from now on, and reconciles at once.
    /// </summary>
    public void Fail(ResourceRef target, string message)
    {
        lock (store.Gate)
        {
            failures[ObjectKey.From(target)] = message;
        }

        RunOnce();
    }

    /// <summary>Undoes <see cref="Fail"/>; the object recovers on the next run.</summary>
    public void ClearFailure(ResourceRef target)
    {
        lock (store.Gate)
        {
            failures.Remove(ObjectKey.From(target));
        }

        RunOnce();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is how the loop ends.
        }

        stopping.Dispose();
    }

    internal void StartBackground(TimeSpan interval, TimeProvider clock)
    {
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval, clock);
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                RunOnce();
            }
        });
    }

    private void Reconcile(string group, string plural, Action<ObjectKey, System.Text.Json.Nodes.JsonObject> reconcile)
    {
        foreach (var (key, _) in store.Scan(group, plural, null).ToList())
        {
            // Read again: an earlier reconcile in this pass may have changed or removed it.
            if (store.Get(key) is { } current && !Json.Meta.IsDeleting(current))
            {
                try
                {
                    reconcile(key, current);
                }
                catch (ApiException)
                {
                    // A write the API refused (its namespace is terminating, say): a real controller would retry later.
                }
            }
        }
    }
}
