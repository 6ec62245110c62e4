using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Provisioners.Contract;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>
/// One VM or database. Operations record their decision durably (journal = outbox, with an audit row) and return;
/// the grain then converges the backend by calling the provisioner from a timer while it is active; after a crash or a
/// deactivation, and for leases coming due, the resource sweeper (<see cref="ResourceSweeperGrain"/>) wakes it. The
/// decisions are pure functions beside it (<see cref="DesiredResources"/>, <see cref="ObservationMeaning"/>,
/// <see cref="LeasePolicy"/>, <see cref="QuotaSquaring"/>, <see cref="BackendRules"/>); quota and capacity calls go
/// through <see cref="ResourceQuota"/>. The lifecycle operations are in ResourceGrain.Operations.cs.
/// </summary>
public sealed partial class ResourceGrain(
    ResourceJournal journal,
    AuditLog audit,
    ProvisionerSelector provisioners,
    BrokerClock time,
    IOptions<ProvisioningOptions> options,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain, IRemindable
{
    private readonly ProvisioningOptions _options = options.Value;
    private readonly ObserveBackoff _backoff = new(options.Value);
    private ResourceData _data = new();
    private IGrainTimer? _timer;
    private ResourceQuota? _quota;

    // What this activation last applied successfully. While the desired state is unchanged, a timer tick only reads the
    // backend: re-applying the same object is a write the backend must merge (a server-side apply) and changes
    // nothing. Sweeper visits (converging or lease-due resources) and explicit reconciles still apply, so drift is
    // repaired there and after a restart.
    private DesiredResource? _applied;

    private string Id => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private ResourceQuota Quota => _quota ??= new ResourceQuota(GrainFactory);

    /// <summary>The backend the resource was created on; null when it is not configured in this broker (any more).</summary>
    private IProvisioner? Backend => provisioners.Named(_data.Backend);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _data = new ResourceData { Id = Id };
        foreach (var (seq, e) in await journal.ReadAsync(Id, cancellationToken))
        {
            _data = _data.Apply(seq, e);
        }

        // Before anything is answered: a resource whose backend is gone never shows as ready or acts on another backend.
        await FailIfBackendMissingAsync();
        SetTimer();
    }

    public Task<ResourceView?> GetAsync() => Task.FromResult(_data.Exists ? View() : null);

    public Task<ResourceView?> ReconcileAsync() => ReconcileAsync(observeOnly: false);

    /// <summary>
    /// Resources no longer register reminders (the sweeper covers them), but a database from an earlier version may
    /// still hold a per-resource "resource-reconcile" row. Such a row fires once more: it is removed, and the resource
    /// reconciled once as that tick intended. Kept so those rows are harmless rather than failing on every tick.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await this.GetReminder(reminderName) is { } legacy)
        {
            await this.UnregisterReminder(legacy);
        }

        await ReconcileAsync();
    }

    private async Task<ResourceView?> ReconcileAsync(bool observeOnly)
    {
        if (!_data.Exists)
        {
            return null;
        }

        if (Backend is not { } backend)
        {
            // Nothing may reach another backend on its behalf; recorded failed once, then left alone.
            await FailIfBackendMissingAsync();
        }
        else
        {
            var system = Actor.System($"reconcile:{Id}");
            try
            {
                await ConvergeAsync(backend, system, observeOnly);
            }
            catch (ProvisionerException ex) when (ex.Permanent)
            {
                if (ObservationMeaning.OfPermanentError(_data, ex.Message, Now) is { } failed)
                {
                    await Record(system, failed);
                }
            }
            catch (ProvisionerException ex)
            {
                // Transient: the next tick tries again; nothing was decided.
                LogTransient(logger, ex, Id);
            }

            await LeaseAsync(backend, system);
        }

        await Quota.SquareAsync(_data);
        SetTimer();
        return View();
    }

    /// <summary>Records, once, the failure of a resource whose backend is not configured.</summary>
    private async Task FailIfBackendMissingAsync()
    {
        if (BackendRules.MustFail(_data, Backend is not null))
        {
            LogBackendMissing(logger, Id, _data.Backend);
            await Record(Actor.System($"reconcile:{Id}"), BackendRules.Failure(_data.Backend, Now));
        }
    }

    /// <summary>
    /// One round of work now, then the timer (observing soon, then less often) carries on; if this activation ends
    /// first, the sweeper finds the resource converging in the directory (written with the journal) and wakes it.
    /// </summary>
    private async Task ConvergeSoonAsync()
    {
        if (_timer is not null && _backoff.Restart())
        {
            _timer.Change(_backoff.Current, _backoff.Current);
        }

        await ReconcileAsync();
    }

    private async Task ConvergeAsync(IProvisioner backend, Actor actor, bool observeOnly = false)
    {
        switch (_data.State)
        {
            case ResourceState.Provisioning or ResourceState.Updating or ResourceState.Ready or ResourceState.Stopped:
                var desired = DesiredResources.Of(_data);
                var observed = observeOnly && desired == _applied ? await backend.ObserveAsync(Id) : null;
                if (observed is null || observed.Phase == ObservedPhase.Absent)
                {
                    // Not applied in this activation, changed since, or gone behind our back: apply.
                    _applied = null;
                    observed = await BrokerActivities.TraceAsync(
                        BrokerActivities.ResourceApply, () => backend.ApplyAsync(desired), (BrokerActivities.ResourceTag, Id), (BrokerActivities.BackendTag, backend.Name));
                    _applied = desired;
                    if (observed.Repaired is { } repaired)
                    {
                        await ReportDriftAsync(backend, desired, repaired);
                    }
                }

                if (ObservationMeaning.Of(_data, observed, Now) is { } meaning)
                {
                    await Record(actor, meaning);
                }

                break;
            case ResourceState.Deleting:
                if (ObservationMeaning.OfDeletion(await backend.DeleteAsync(Id), Now) is { } deleted)
                {
                    await Record(actor, deleted);
                }

                break;
        }
    }

    /// <summary>
    /// The backend found this resource's object edited behind the broker's back and the apply put it back: say so
    /// (audit row + metric), since a silent overwrite would hide someone changing a department's machine.
    /// </summary>
    private async Task ReportDriftAsync(IProvisioner backend, DesiredResource desired, string repaired)
    {
        var actor = Actor.System($"resource-reconcile:{Id}");
        var kind = DesiredResources.DriftTarget(desired.Kind);
        await audit.AppendAsync([new AuditEntry(Now, actor.Subject, actor.DisplayName, desired.Department, kind, Id, "reconcile.drift-repaired",
            null, BrokerJson.Serialize(new { Backend = backend.Name, Repaired = repaired }), actor.CorrelationId)]);
        BrokerMetrics.DriftRepaired.WithLabels(kind).Inc();
    }

    private async Task LeaseAsync(IProvisioner backend, Actor actor)
    {
        var now = Now;
        var decision = LeasePolicy.Decide(_data, now, _options);
        if (decision.Warn)
        {
            await Record(actor, new LeaseExpiring(now));
            BrokerMetrics.LeaseWarnings.Inc();
        }

        if (decision.Step != LeaseStep.None)
        {
            await Record(actor, decision.Step == LeaseStep.Delete ? new DeletionStarted(now, "lease-ended") : new UpdateStarted(now, _data.Spec!, Running: false));
            await ConvergeAsync(backend, actor);
        }
    }

    private void SetTimer()
    {
        var converging = ResourceTransitions.IsConverging(_data.State);
        if (converging && _timer is null)
        {
            _backoff.Restart();
            _timer = this.RegisterGrainTimer(async _ => await ObserveTickAsync(), _backoff.Current, _backoff.Current);
        }
        else if (!converging && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
        }
    }

    /// <summary>A timer tick: observe, then wait longer (<see cref="ObserveBackoff"/>).</summary>
    private async Task ObserveTickAsync()
    {
        await ReconcileAsync(observeOnly: true);
        if (_timer is not null && _backoff.Lengthen())
        {
            _timer.Change(_backoff.Current, _backoff.Current);
        }
    }

    /// <summary>
    /// Journals <paramref name="events"/>, the steps of one decision, in order and in one transaction (seqs contiguous),
    /// with one audit row for the decision: its action is the first step's (<c>resource.created</c> for a resource
    /// created approved and provisioning at once), before and after are the resource before the first step and after
    /// the last. The journal keeps every step for metering; the audit row says who decided what, and what it became.
    /// </summary>
    private async Task Record(Actor actor, params ResourceEvent[] events)
    {
        var next = _data;
        var appended = new List<(long Seq, ResourceEvent Event)>(events.Length);
        foreach (var e in events)
        {
            next = next.Apply(next.Seq + 1, e);
            appended.Add((next.Seq, e));
        }

        var before = _data.Exists ? BrokerJson.Serialize(View()) : null;
        var after = BrokerJson.Serialize(next.ToView(IsSimulated(next.Backend)));
        var audit = new AuditEntry(events[0].At, actor.Subject, actor.DisplayName, next.Creation!.Department, "resource", Id, events[0].Type, before, after, actor.CorrelationId);
        var append = ResourceAppend.Of(next, appended, actor.Subject, actor.CorrelationId, [audit]);
        if (!await AppendWithQuotaAsync(next, append))
        {
            await journal.AppendAsync(append);
        }

        _data = next;
        foreach (var e in events)
        {
            BrokerMetrics.ResourceTransitions.WithLabels(e.Type).Inc();
        }
    }

    /// <summary>The append in the department's transaction that commits the resource's quota, when the change commits it.</summary>
    private async Task<bool> AppendWithQuotaAsync(ResourceData next, ResourceAppend append)
    {
        try
        {
            return await Quota.CommitWithAsync(_data, next, append);
        }
        catch
        {
            // Whether that transaction committed is unknown: the journal knows, so the next activation reads it (this one
            // would append the same seq again).
            this.DeactivateOnIdle();
            throw;
        }
    }

    private bool IsSimulated(string backend) => provisioners.Named(backend)?.IsSimulated ?? false;

    private ResourceView View() => _data.ToView(IsSimulated(_data.Backend));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient provisioner failure for resource {ResourceId}; retrying")]
    private static partial void LogTransient(ILogger logger, Exception exception, string resourceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resource {ResourceId} was created on backend {Backend}, which is not configured; it is marked failed")]
    private static partial void LogBackendMissing(ILogger logger, string resourceId, string backend);
}
