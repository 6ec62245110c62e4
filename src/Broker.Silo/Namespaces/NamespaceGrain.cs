using Broker.Contracts.Common;
using Broker.Contracts.Namespaces;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Tenancy;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Namespaces;

/// <summary>
/// Reconciles one department's namespace from a reminder, so that the cluster follows the department's quota even
/// when a notification was lost in a crash, and so that objects deleted or edited behind the broker's back come back.
/// Resources are repaired through their own grain (which applies its desired state); this grain only notices.
/// </summary>
public sealed partial class NamespaceGrain(
    ProvisionerSelector provisioners,
    ResourceDirectory directory,
    AuditLog audit,
    BrokerClock time,
    ILogger<NamespaceGrain> logger) : Grain, INamespaceGrain, IRemindable
{
    private const string Reminder = "namespace-reconcile";
    private const int MaxResources = 100_000;

    // What this activation last applied: a quota that differs from it is the department's change, not drift.
    private QuotaVector? _applied;

    private string Code => this.GetPrimaryKeyString();

    public async Task QuotaChangedAsync()
    {
        if (provisioners.Kubernetes is not { } kubernetes)
        {
            return;
        }

        // Durable first: from here on the reminder reaches the cluster even if this silo dies now.
        await this.RegisterOrUpdateReminder(Reminder, ReconcileSpread.FirstDue(Code, kubernetes.Options.ReconcileInterval), kubernetes.Options.ReconcileInterval);
        try
        {
            await ReconcileAsync();
        }
        catch (ProvisionerException ex)
        {
            LogReconcileFailed(logger, ex, Code);
        }
    }

    public async Task<IReadOnlyList<string>> ReconcileAsync()
    {
        if (provisioners.Kubernetes is not { } kubernetes)
        {
            return [];
        }

        var quota = await GrainFactory.GetGrain<IDepartmentGrain>(Code).GetQuotaAsync();
        if (quota is null)
        {
            // The department is gone; the namespace stays (the broker never deletes one) but needs no more care.
            await DropReminderAsync();
            return [];
        }

        var repairs = new List<NamespaceRepair>();
        foreach (var repair in await kubernetes.Namespaces.ReconcileAsync(Code, NamespaceQuotas.From(quota.Limits)))
        {
            var intended = repair.Kind == "resourcequota" && repair.Reason == "changed" && _applied != quota.Limits;
            if (repair.IsDrift && !intended)
            {
                repairs.Add(repair);
            }
        }

        _applied = quota.Limits;
        repairs.AddRange(await ReconcileResourcesAsync(kubernetes));
        if (repairs.Count > 0)
        {
            await ReportAsync(repairs);
        }

        return repairs.Select(r => $"{r.Kind}/{r.Name}: {r.Reason}").ToList();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await ReconcileAsync();
        }
        catch (ProvisionerException ex)
        {
            // The next tick tries again.
            LogReconcileFailed(logger, ex, Code);
        }
    }

    /// <summary>
    /// Every live (ready or stopped) resource whose object is gone is reconciled by its grain, which applies it again,
    /// and reported here as missing. Without the resource watch, every other live resource is reconciled too, so that
    /// an object edited behind the broker's back is put back and reported by the grain (audit row and metric, see
    /// ResourceGrain.ReportDriftAsync); with it, the watch does that within seconds. Resources still
    /// converging are the resource sweeper's. Objects of resources the broker has deleted are deleted. Objects the
    /// broker has no record of are left alone: they may belong to another installation sharing the cluster.
    /// </summary>
    private async Task<IReadOnlyList<NamespaceRepair>> ReconcileResourcesAsync(KubernetesProvisioner kubernetes)
    {
        var onCluster = await kubernetes.Namespaces.ListResourcesAsync(Code);
        var live = new List<string>();
        foreach (var state in new[] { ResourceState.Ready, ResourceState.Stopped })
        {
            live.AddRange(await directory.ListAsync(Code, WireText.Of(state), null, null, null, MaxResources));
        }

        // The sweepers' failure-tolerant visit: one resource's failure (a grain that cannot activate, a call that timed
        // out) is logged and must not starve the rest. One at a time, so the pass goes through the resources in order.
        var repairs = new List<NamespaceRepair>();
        await BoundedVisits.RunAsync(
            live, 1,
            async id =>
            {
                if (await ReconcileLiveAsync(kubernetes, id, onCluster.ContainsKey(id)) is { } missing)
                {
                    repairs.Add(missing);
                }
            },
            (id, ex) => LogResourceFailed(logger, ex, Code, id));

        if (onCluster.Count > 0)
        {
            var deleted = (await directory.ListAsync(Code, WireText.Of(ResourceState.Deleted), null, null, null, MaxResources)).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, kind) in onCluster.Where(o => deleted.Contains(o.Key)))
            {
                repairs.Add(new NamespaceRepair(KindName(kind), id, "orphan"));
                await kubernetes.DeleteAsync(id);
            }
        }

        return repairs;
    }

    /// <summary>Has a live resource's grain apply its desired state again; the repair to report when its object was missing.</summary>
    private async Task<NamespaceRepair?> ReconcileLiveAsync(KubernetesProvisioner kubernetes, string id, bool present)
    {
        var resource = GrainFactory.GetGrain<IResourceGrain>(id);
        if (present)
        {
            // With the resource watch on, an edit is seen within seconds and its safety resync compares every object
            // with what was applied, so a present object costs nothing here (two API calls per resource and pass
            // before). Without it, re-applied in case it was edited.
            if (!kubernetes.Options.Watch.Enabled)
            {
                await resource.ReconcileAsync();
            }

            return null;
        }

        if (await resource.GetAsync() is not { } view || view.Backend != kubernetes.Name)
        {
            return null;
        }

        await resource.ReconcileAsync();
        return new NamespaceRepair(KindName(view.Spec.Kind == ResourceKind.Vm ? WorkloadKind.Vm : WorkloadKind.Database), id, "missing");
    }

    private async Task ReportAsync(IReadOnlyList<NamespaceRepair> repairs)
    {
        var actor = Actor.System($"namespace-reconcile:{Code}");
        var now = time.GetUtcNow();
        await audit.AppendAsync(repairs.Select(r => new AuditEntry(
            now, actor.Subject, actor.DisplayName, Code, r.Kind, r.Name, "reconcile.drift-repaired", null, BrokerJson.Serialize(r), actor.CorrelationId)).ToList());
        foreach (var repair in repairs)
        {
            BrokerMetrics.DriftRepaired.WithLabels(repair.Kind).Inc();
            LogRepaired(logger, Code, repair.Kind, repair.Name, repair.Reason);
        }
    }

    private static string KindName(WorkloadKind kind) => kind == WorkloadKind.Vm ? "virtualmachine" : "cluster";

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Namespace of department {Department} drifted: {Kind} {Name} was {Reason}; repaired")]
    private static partial void LogRepaired(ILogger logger, string department, string kind, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling resource {Resource} of department {Department} failed; the next namespace pass tries again")]
    private static partial void LogResourceFailed(ILogger logger, Exception exception, string department, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling the namespace of department {Department} failed; the reminder retries")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string department);
}
