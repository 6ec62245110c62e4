using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn;

/// <summary>How a <see cref="KubeStandIn"/> starts.</summary>
public sealed class KubeStandInOptions
{
    /// <summary>The clock for timestamps, controller delays and watch timeouts (a FakeTimeProvider in unit tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long after a spec change the fake controllers make an object ready.</summary>
    public TimeSpan ControllerDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>False (default): controllers act only on <see cref="Controllers.FakeControllers.RunOnce"/>. True: they
    /// also run every <see cref="ControllerInterval"/> on the <see cref="TimeProvider"/>, for process-level tests.</summary>
    public bool RunControllersInBackground { get; init; }

    /// <summary>How often background controllers run.</summary>
    public TimeSpan ControllerInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Nodes present at start.</summary>
    public IReadOnlyList<NodeSeed> Nodes { get; init; } = NodeSeed.Defaults;

    /// <summary>Namespaces present at start, as on a fresh cluster.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Resources beyond the built-in catalog (a CRD with another scope or without a status subresource).</summary>
    public IReadOnlyList<ResourceType> ExtraResourceTypes { get; init; } = [];

    /// <summary>How many changes a watch can resume across before it gets 410 Expired.</summary>
    public int WatchHistoryLimit { get; init; } = 10_000;
}
