using System.Collections.Concurrent;
using System.Threading.Channels;
using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Resources;

/// <summary>
/// Turns what the resource watch saw into repairs: each drifted resource's grain reconciles (applies its desired state
/// again, <see cref="IResourceGrain.ReconcileAsync"/>), a few at a time, each resource queued at most once. An object
/// that went missing is repaired only while the directory and the grain hold its resource live on Kubernetes: the
/// broker's own deletions (the resource is <c>deleting</c> first) and objects of other backends are left alone.
/// The broker's own applies write the stamp the watch compares with, so their events never queue anything: no loop.
/// </summary>
public sealed partial class WatchDriftRepairs(
    IGrainFactory grains,
    LiveResources live,
    AuditLog audit,
    BrokerClock time,
    string backend,
    ILogger logger) : IResourceWatchSink
{
    private readonly Channel<ResourceDrift> queue = Channel.CreateUnbounded<ResourceDrift>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentDictionary<string, bool> queued = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, string>> LiveAsync(WorkloadKind kind, CancellationToken cancellationToken) =>
        live.OfKindAsync(kind, cancellationToken);

    public ValueTask DriftedAsync(ResourceDrift drift, CancellationToken cancellationToken) =>
        queued.TryAdd(drift.ResourceId, true) ? queue.Writer.WriteAsync(drift, cancellationToken) : ValueTask.CompletedTask;

    public void Restarted(WorkloadKind kind, string reason) => BrokerMetrics.WatchRestarts.WithLabels(KindName(kind), reason).Inc();

    /// <summary>Repairs what is queued, <paramref name="parallelism"/> at a time, until cancelled.</summary>
    public Task RunAsync(int parallelism, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(queue.Reader.ReadAllAsync(cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (drift, token) =>
            {
                queued.TryRemove(drift.ResourceId, out _);
                try
                {
                    await RepairAsync(drift, token);
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    // The next event or list finds it again.
                    LogRepairFailed(logger, e, drift.ResourceId, drift.Reason);
                }
            });

    private async Task RepairAsync(ResourceDrift drift, CancellationToken cancellationToken)
    {
        var resource = grains.GetGrain<IResourceGrain>(drift.ResourceId);
        if (drift.Reason == DriftReason.Missing)
        {
            if (!await live.IsLiveAsync(drift.ResourceId, cancellationToken)
                || await resource.GetAsync() is not { State: ResourceState.Ready or ResourceState.Stopped } view || view.Backend != backend)
            {
                return;
            }

            await resource.ReconcileAsync();
            await ReportMissingAsync(drift);
        }
        else
        {
            // Spec drift is reported by the grain when its apply finds the generation moved (audit row and metric).
            await resource.ReconcileAsync();
        }

        BrokerMetrics.WatchDrift.WithLabels(KindName(drift.Kind), WireReason(drift.Reason)).Inc();
        LogRepaired(logger, drift.ResourceId, drift.Reason);
    }

    /// <summary>A recreated object is drift like any other (docs/kubernetes.md): audit row and metric, as the namespace pass writes them.</summary>
    private async Task ReportMissingAsync(ResourceDrift drift)
    {
        var kind = KindName(drift.Kind);
        var actor = Actor.System($"resource-watch:{drift.ResourceId}");
        await audit.AppendAsync([new AuditEntry(time.GetUtcNow(), actor.Subject, actor.DisplayName, drift.Department, kind, drift.ResourceId,
            "reconcile.drift-repaired", null, BrokerJson.Serialize(new { Kind = kind, Name = drift.ResourceId, Reason = "missing" }), actor.CorrelationId)]);
        BrokerMetrics.DriftRepaired.WithLabels(kind).Inc();
    }

    private static string KindName(WorkloadKind kind) => kind == WorkloadKind.Vm ? "virtualmachine" : "cluster";

    private static string WireReason(DriftReason reason) => reason.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId} drifted ({Reason}) on Kubernetes; its grain reconciled it")]
    private static partial void LogRepaired(ILogger logger, string resourceId, DriftReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repairing drift ({Reason}) of resource {ResourceId} failed; the next event or list retries")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, string resourceId, DriftReason reason);
}
