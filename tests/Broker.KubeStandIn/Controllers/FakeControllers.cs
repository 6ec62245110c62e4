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
    private readonly DueTimes due;
    private readonly CancellationTokenSource stopping = new();

    // What the background loop must look at: objects written since its last run, owners of objects written since, and
    // objects whose delay ran out. Like an informer's work queue, so a run costs what changed, not the object count.
    private HashSet<ObjectKey> changed = [];
    private Task loop = Task.CompletedTask;

    internal FakeControllers(ObjectStore store, ApiServer api, TimeProvider clock, TimeSpan delay)
    {
        this.store = store;
        Delay = delay;
        due = new DueTimes(clock, delay, new HashSet<(string, string)>
        {
            (VirtualMachineController.Group, VirtualMachineController.Plural),
            (DataVolumeController.Group, DataVolumeController.Plural),
            (PostgresClusterController.Group, PostgresClusterController.Plural),
        });
        store.Committed += due.Observe;
        store.Committed += Enqueue;
        var kit = new ControllerKit(store, api, due, failures);
        dataVolumes = new DataVolumeController(kit);
        virtualMachines = new VirtualMachineController(kit);
        clusters = new PostgresClusterController(kit);
    }

    /// <summary>How long after a spec change an object becomes ready.</summary>
    public TimeSpan Delay { get; }

    /// <summary>How often the background controllers reconcile every object, not only the changed ones.</summary>
    public static TimeSpan ResyncPeriod { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reconciles every VirtualMachine, DataVolume and Cluster until nothing changes any more (a VM's DataVolumes and
    /// its VMI settle in one call). Safe to call at any time; each pass is atomic with respect to API requests.
    /// </summary>
    public void RunOnce()
    {
        using (store.Hold())
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
        using (store.Hold())
        {
            failures[ObjectKey.From(target)] = message;
        }

        RunOnce();
    }

    /// <summary>Undoes <see cref="Fail"/>; the object recovers on the next run.</summary>
    public void ClearFailure(ResourceRef target)
    {
        using (store.Hold())
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
            var lastResync = clock.GetUtcNow();
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                // A periodic full pass as informers resync: catches what the queue cannot see (a write the API
                // refused and a real controller would retry, a namespace that stopped terminating).
                if (clock.GetUtcNow() - lastResync >= ResyncPeriod)
                {
                    lastResync = clock.GetUtcNow();
                    Resync();
                }
                else
                {
                    RunChanged();
                }
            }
        });
    }

    /// <summary>
    /// Queues every controlled object, a few hundred at a time under the store's gate: one pass under the gate over
    /// thousands of VMs held API requests for a second and more (thread pool stalls in the provisioning benchmark).
    /// </summary>
    private void Resync()
    {
        List<ObjectKey> all;
        using (store.Hold())
        {
            all = [.. ControlledTypes.SelectMany(t => store.Scan(t.Group, t.Plural, null).Select(e => e.Key))];
        }

        foreach (var chunk in all.Chunk(200))
        {
            using (store.Hold())
            {
                changed.UnionWith(chunk);
            }

            RunChanged();
        }
    }

    /// <summary>Reconciles the queued objects until the queue stays empty; the background loop's usual run.</summary>
    private void RunChanged()
    {
        using (store.Hold())
        {
            due.TakeWoken(changed);
            for (var pass = 0; pass < 10 && changed.Count > 0; pass++)
            {
                var batch = changed;
                changed = [];
                Reconcile(DataVolumeController.Group, DataVolumeController.Plural, dataVolumes.Reconcile, batch);
                Reconcile(VirtualMachineController.Group, VirtualMachineController.Plural, virtualMachines.Reconcile, batch);
                Reconcile(PostgresClusterController.Group, PostgresClusterController.Plural, clusters.Reconcile, batch);
            }
        }
    }

    /// <summary>Queues a written object of a controlled type, and the controlled owners of any written object.</summary>
    private void Enqueue(StoreEvent change)
    {
        if (IsControlled(change.Key.Group, change.Key.Plural))
        {
            changed.Add(change.Key);
        }

        EnqueueOwners(change.Key.Namespace, change.Object);
        if (change.Previous is { } previous)
        {
            EnqueueOwners(change.Key.Namespace, previous);
        }
    }

    private void EnqueueOwners(string ns, System.Text.Json.Nodes.JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not System.Text.Json.Nodes.JsonArray owners)
        {
            return;
        }

        foreach (var owner in owners.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var apiVersion = (string?)owner["apiVersion"] ?? string.Empty;
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
            var plural = ((string?)owner["kind"]) switch
            {
                "VirtualMachine" => VirtualMachineController.Plural,
                "DataVolume" => DataVolumeController.Plural,
                "Cluster" => PostgresClusterController.Plural,
                _ => null,
            };
            if (plural is not null && IsControlled(group, plural) && (string?)owner["name"] is { Length: > 0 } name)
            {
                changed.Add(new ObjectKey(group, plural, ns, name));
            }
        }
    }

    private static readonly (string Group, string Plural)[] ControlledTypes =
    [
        (DataVolumeController.Group, DataVolumeController.Plural),
        (VirtualMachineController.Group, VirtualMachineController.Plural),
        (PostgresClusterController.Group, PostgresClusterController.Plural),
    ];

    private static bool IsControlled(string group, string plural) =>
        (group, plural) is (VirtualMachineController.Group, VirtualMachineController.Plural)
            or (DataVolumeController.Group, DataVolumeController.Plural)
            or (PostgresClusterController.Group, PostgresClusterController.Plural);

    private void Reconcile(string group, string plural, Action<ObjectKey, System.Text.Json.Nodes.JsonObject> reconcile, IReadOnlySet<ObjectKey> only) =>
        Reconcile(group, plural, reconcile, only.Where(k => k.Group == group && k.Plural == plural).ToList());

    private void Reconcile(string group, string plural, Action<ObjectKey, System.Text.Json.Nodes.JsonObject> reconcile) =>
        Reconcile(group, plural, reconcile, store.Scan(group, plural, null).Select(e => e.Key).ToList());

    private void Reconcile(string group, string plural, Action<ObjectKey, System.Text.Json.Nodes.JsonObject> reconcile, List<ObjectKey> keys)
    {
        foreach (var key in keys)
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
