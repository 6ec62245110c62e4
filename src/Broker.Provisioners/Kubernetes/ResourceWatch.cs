using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Provisioners.Contract;
using k8s;
using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// One list-then-watch per kind (VirtualMachines, Clusters) across all namespaces, selected by the broker's
/// <c>app.kubernetes.io/managed-by</c> label, as an informer does: list (in pages) for a resourceVersion, watch from
/// it, renew the watch from the last event's resourceVersion when the server ends it, list again when the server says
/// that version is gone (410 Expired), after a failure (with backoff), and every <see cref="ResourceWatchOptions.Resync"/>.
/// Each object is judged by <see cref="DriftJudge"/>; drift and missing objects go to the <see cref="IResourceWatchSink"/>.
/// RBAC: <c>list</c> and <c>watch</c> on <c>virtualmachines.kubevirt.io</c> and <c>clusters.postgresql.cnpg.io</c>
/// cluster-wide (infra/k8s/base/rbac.yaml); objects outside <c>dept-{department}</c> are ignored.
/// </summary>
public sealed class ResourceWatch
{
    private readonly IKubernetes client;
    private readonly ResourceWatchOptions options;
    private readonly string fingerprint;
    private readonly IResourceWatchSink sink;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    internal ResourceWatch(IKubernetes client, KubernetesProvisionerOptions options, IResourceWatchSink sink, TimeProvider time, ILogger logger)
    {
        this.client = client;
        this.options = options.Watch;
        fingerprint = AppliedStamp.OptionsFingerprint(options);
        this.sink = sink;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Watches both kinds until <paramref name="cancellationToken"/> stops it.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(RunAsync(WorkloadKind.Vm, cancellationToken), RunAsync(WorkloadKind.Database, cancellationToken));

    private async Task RunAsync(WorkloadKind kind, CancellationToken cancellationToken)
    {
        var state = new KindState(kind);
        var backoff = options.FirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (state.ResourceVersion is not null && time.GetUtcNow() >= state.NextResync)
                {
                    Restart(state, "resync");
                }

                if (state.ResourceVersion is null)
                {
                    await ListAsync(state, cancellationToken);
                }

                if (!await WatchAsync(state, cancellationToken))
                {
                    Restart(state, "expired");
                }

                backoff = options.FirstBackoff;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                ResourceWatchLog.Failed(logger, e, state.Plural, backoff);
                Restart(state, "disconnected");
                await Task.Delay(backoff, time, cancellationToken);
                backoff = backoff * 2 < options.MaxBackoff ? backoff * 2 : options.MaxBackoff;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Restart(KindState state, string reason)
    {
        state.ResourceVersion = null;
        sink.Restarted(state.Kind, reason);
    }

    /// <summary>Lists every object: judges each again, and reports live resources that have none.</summary>
    private async Task ListAsync(KindState state, CancellationToken cancellationToken)
    {
        // The live set is read before the list: a resource live then has an object, so one absent from a later list
        // is missing, never merely created after the list was taken.
        var live = await sink.LiveAsync(state.Kind, cancellationToken);
        state.Seen.Clear();
        var present = new HashSet<string>(StringComparer.Ordinal);
        string? next = null;
        string? version;
        do
        {
            var page = JsonSerializer.SerializeToNode(await client.CustomObjects.ListClusterCustomObjectAsync(
                state.Group, state.Version, state.Plural, labelSelector: Selector, limit: options.ListPageSize, continueParameter: next,
                cancellationToken: cancellationToken))!;
            foreach (var item in page["items"]?.AsArray() ?? [])
            {
                if (item is not null && DriftJudge.Identify(item) is { } identity)
                {
                    present.Add(identity.ResourceId);
                    await SeenAsync(state, item, cancellationToken);
                }
            }

            next = page["metadata"]?["continue"]?.GetValue<string>();
            version = page["metadata"]?["resourceVersion"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));

        foreach (var (id, department) in live.Where(l => !present.Contains(l.Key)))
        {
            await sink.DriftedAsync(new ResourceDrift(state.Kind, id, department, DriftReason.Missing), cancellationToken);
        }

        state.ResourceVersion = version ?? "0";
        state.NextResync = time.GetUtcNow() + options.Resync;
        ResourceWatchLog.Listed(logger, state.Plural, present.Count, state.ResourceVersion);
    }

    /// <summary>One watch request from the state's resourceVersion; false when the server says that version expired.</summary>
    private async Task<bool> WatchAsync(KindState state, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        // Never past the next resync: the request ends then and the loop lists again.
        var seconds = (int)Math.Clamp(Math.Min(options.Timeout.TotalSeconds, (state.NextResync - time.GetUtcNow()).TotalSeconds), 1, int.MaxValue);
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            state.Group, state.Version, state.Plural, labelSelector: Selector, resourceVersion: state.ResourceVersion, timeoutSeconds: seconds,
            onError: e => failure ??= e, cancellationToken: cancellationToken);
        try
        {
            await foreach (var (type, item) in events)
            {
                await OnEventAsync(state, type, item, cancellationToken);
            }
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // KubernetesClient peeks at the first line of a watch; a quiet watch the server ends at its timeout has
            // none, and the peek throws. That is the ordinary end of a watch: renew from the same resourceVersion.
        }

        return failure switch
        {
            null => true,
            KubernetesException { Status.Code: 410 } => false,
            _ => throw failure,
        };
    }

    private async Task OnEventAsync(KindState state, WatchEventType type, object item, CancellationToken cancellationToken)
    {
        var obj = JsonSerializer.SerializeToNode(item);
        if (obj?["metadata"]?["resourceVersion"]?.GetValue<string>() is { } version)
        {
            state.ResourceVersion = version;
        }

        if (obj is null || DriftJudge.Identify(obj) is not { } identity)
        {
            return;
        }

        if (type == WatchEventType.Deleted)
        {
            state.Seen.Remove(identity.ResourceId);
            await sink.DriftedAsync(new ResourceDrift(state.Kind, identity.ResourceId, identity.Department, DriftReason.Missing), cancellationToken);
        }
        else
        {
            await SeenAsync(state, obj, cancellationToken);
        }
    }

    /// <summary>
    /// Judges an object once per version of what the broker owns in it (generation, stamps, labels): status updates,
    /// most events, change none of those and cost a dictionary look-up, and an object that stays drifted (the repair
    /// failed) is not reported again until it changes or the next list.
    /// </summary>
    private async Task SeenAsync(KindState state, JsonNode obj, CancellationToken cancellationToken)
    {
        var identity = DriftJudge.Identify(obj)!.Value;
        if (identity.Deleting)
        {
            return;
        }

        var key = DriftJudge.VersionKey(obj);
        if (state.Seen.TryGetValue(identity.ResourceId, out var seen) && seen == key)
        {
            return;
        }

        state.Seen[identity.ResourceId] = key;
        if (DriftJudge.Judge(state.Kind, obj, fingerprint) is { } reason)
        {
            await sink.DriftedAsync(new ResourceDrift(state.Kind, identity.ResourceId, identity.Department, reason), cancellationToken);
        }
    }

    private static string Selector => $"{KubernetesNames.ManagedByLabel}={KubernetesNames.ManagedBy}";

    /// <summary>Where one kind's watch stands.</summary>
    private sealed class KindState(WorkloadKind kind)
    {
        public WorkloadKind Kind { get; } = kind;

        public string Group { get; } = ResourceCoordinates.Of(kind).Group;

        public string Version { get; } = ResourceCoordinates.Of(kind).Version;

        public string Plural { get; } = ResourceCoordinates.Of(kind).Plural;

        public string? ResourceVersion { get; set; }

        public DateTimeOffset NextResync { get; set; }

        public Dictionary<string, string> Seen { get; } = new(StringComparer.Ordinal);
    }
}
