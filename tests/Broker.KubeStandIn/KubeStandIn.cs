using System.Text.Json.Nodes;
using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Controllers;
using Broker.KubeStandIn.Faults;
using Broker.KubeStandIn.Http;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Requests;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Storage;
using k8s;

namespace Broker.KubeStandIn;

/// <summary>
/// A stand-in for a Kubernetes API server, in process on 127.0.0.1, for tests that drive the real KubernetesClient:
/// any resource of any group and version, real status codes and Status bodies, resourceVersion/generation/
/// managedFields bookkeeping, merge/JSON/apply patches, finalizers, namespace cascade, owner garbage collection,
/// watches, fault injection, a request log, and fake KubeVirt and CloudNativePG controllers. What it models and what
/// it simplifies: docs/kubernetes-stand-in.md. It is not a Kubernetes API server and must not be taken for one.
/// </summary>
public sealed class KubeStandIn : IAsyncDisposable
{
    private readonly ObjectStore store;
    private readonly ApiServer api;
    private readonly StandInHost host;
    private readonly CancellationTokenSource stopping;
    private readonly Lazy<Kubernetes> client;

    private KubeStandIn(ObjectStore store, ApiServer api, StandInHost host, CancellationTokenSource stopping, FaultInjector faults, RequestLog requests, FakeControllers controllers)
    {
        this.store = store;
        this.api = api;
        this.host = host;
        this.stopping = stopping;
        Faults = faults;
        Requests = requests;
        Controllers = controllers;
        client = new Lazy<Kubernetes>(() => new Kubernetes(ClientConfiguration()));
    }

    /// <summary>The base URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public string Url => host.Url;

    /// <summary>Arms failures of chosen requests.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every request answered, in order.</summary>
    public RequestLog Requests { get; }

    /// <summary>The fake KubeVirt and CloudNativePG controllers.</summary>
    public FakeControllers Controllers { get; }

    /// <summary>
    /// How long requests and controller passes have held the store's gate, in all, since the start. Everything the
    /// stand-in does to its objects runs under that one gate, so it does at most a second of it per second.
    /// </summary>
    public TimeSpan GateHeld => System.Diagnostics.Stopwatch.GetElapsedTime(0, store.HeldTicks);

    /// <summary>The global resourceVersion of the last write.</summary>
    public long Revision
    {
        get
        {
            using (store.Hold())
            {
                return store.Revision;
            }
        }
    }

    public static async Task<KubeStandIn> StartAsync(KubeStandInOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeStandInOptions();
        var clock = options.TimeProvider;
        var store = new ObjectStore(options.WatchHistoryLimit);
        var api = new ApiServer(store, new ResourceCatalog(options.ExtraResourceTypes), clock);
        var faults = new FaultInjector();
        var requests = new RequestLog();
        var controllers = new FakeControllers(store, api, clock, options.ControllerDelay);
        Seed(api, options);

        var stopping = new CancellationTokenSource();
        var dispatcher = new RequestDispatcher(store, api, faults, requests, clock, stopping.Token);
        var host = await StandInHost.StartAsync(dispatcher.HandleAsync, cancellationToken);
        if (options.RunControllersInBackground)
        {
            controllers.StartBackground(options.ControllerInterval, clock);
        }

        return new KubeStandIn(store, api, host, stopping, faults, requests, controllers);
    }

    /// <summary>A shared client for the stand-in, owned by it: do not dispose it.</summary>
    public IKubernetes Client() => client.Value;

    /// <summary>Configuration for a client of your own (the provisioner under test builds its client from this).</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = Url };

    /// <summary>A copy of a stored object, read past HTTP, faults and the request log; null when absent.</summary>
    public JsonObject? Peek(ResourceRef reference)
    {
        using (store.Hold())
        {
            return api.Peek(ObjectKey.From(reference));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Controllers.DisposeAsync();
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }

        await host.DisposeAsync();
        stopping.Dispose();
    }

    private static void Seed(ApiServer api, KubeStandInOptions options)
    {
        var namespaces = api.Catalog.Namespaces;
        foreach (var name in options.Namespaces)
        {
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            api.Writer.Create(namespaces, new ObjectKey(string.Empty, "namespaces", string.Empty, name), ns,
                new Ownership("kube-apiserver", "v1", FieldScope.WholeObject), dryRun: false);
        }

        var nodes = api.Catalog.Find(string.Empty, "nodes")!;
        foreach (var seed in options.Nodes)
        {
            var labels = new JsonObject { ["kubernetes.io/hostname"] = seed.Name, ["kubernetes.io/os"] = "linux" };
            foreach (var (key, value) in seed.Labels ?? new Dictionary<string, string>())
            {
                labels[key] = value;
            }

            var resources = new JsonObject { ["cpu"] = seed.Cpu, ["memory"] = seed.Memory, ["pods"] = "110" };
            var node = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["metadata"] = new JsonObject { ["name"] = seed.Name, ["labels"] = labels },
                ["spec"] = new JsonObject(),
                ["status"] = new JsonObject
                {
                    ["capacity"] = resources.DeepClone(),
                    ["allocatable"] = resources,
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status" }),
                    ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.33.0-broker-standin", ["operatingSystem"] = "linux", ["architecture"] = "amd64" },
                },
            };
            api.Writer.Create(nodes, new ObjectKey(string.Empty, "nodes", string.Empty, seed.Name), node,
                new Ownership("kubelet", "v1", FieldScope.WholeObject), dryRun: false);
        }
    }
}
