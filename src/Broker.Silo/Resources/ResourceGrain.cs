using Broker.Contracts.Capacity;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Provisioners.Contract;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ContractKind = Broker.Contracts.Resources.ResourceKind;
using Broker.Silo.Hosting;

namespace Broker.Silo.Resources;

/// <summary>
/// One VM or database. Operations record their decision durably (journal = outbox, with an audit row) and return;
/// the grain then converges the backend by calling the provisioner from a timer while it is active; after a crash or a
/// deactivation, and for leases coming due, the resource sweeper (<see cref="ResourceSweeperGrain"/>) wakes it. Quota
/// follows the resource: held until first ready, committed while it exists, resized with it, released when the backend
/// confirms deletion; reconciliation squares it again after any crash.
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
    private ResourceData _data = new();
    private IGrainTimer? _timer;
    private TimeSpan _observeDelay;

    // What this activation last applied successfully. While the desired state is unchanged, a timer tick only reads the
    // backend: re-applying the same object is a write the backend must merge (a server-side apply) and changes
    // nothing. Sweeper visits (converging or lease-due resources) and explicit reconciles still apply, so drift is
    // repaired there and after a restart.
    private DesiredResource? _applied;

    private string Id => this.GetPrimaryKeyString();

    // The backend the resource was created on; before creation, the one its kind would go to.
    private IProvisioner Backend(ContractKind? kind = null) =>
        _data.Exists ? provisioners.Named(_data.Backend) : provisioners.For(kind ?? ContractKind.Vm);

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _data = new ResourceData { Id = Id };
        foreach (var (seq, e) in await journal.ReadAsync(Id, cancellationToken))
        {
            _data = _data.Apply(seq, e);
        }

        SetTimer();
    }

    public Task<ResourceView?> GetAsync() => Task.FromResult(_data.Exists ? View() : null);

    public async Task<ResourceResult> CreateAsync(ResourceCreation creation, Actor actor)
    {
        if (_data.Exists)
        {
            // The approval flag is where the order was when it asked; approval itself arrives through ApproveAsync.
            return _data.Creation! with { Approved = creation.Approved } == creation
                ? Ok()
                : Error(BrokerErrorKind.Conflict, "resource.exists");
        }

        var created = new ResourceCreated(Now, creation, provisioners.For(creation.Spec.Kind).Name);
        if (creation.Approved)
        {
            // One journal append for all three (one durable write): the resource is never durably created but not
            // yet provisioning, and the audit trail still shows the approval the order carried.
            await Record(actor, created, new ResourceApproved(Now), new ProvisioningStarted(Now));
            await ConvergeSoonAsync();
        }
        else
        {
            await Record(actor, created);
        }

        return Ok();
    }

    public async Task<ResourceResult> ApproveAsync(Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (_data.State != ResourceState.PendingApproval)
        {
            return _data.State is ResourceState.Approved or ResourceState.Provisioning or ResourceState.Ready ? Ok() : Illegal();
        }

        // Approval and the start of provisioning in one journal append (one durable write instead of two).
        await Record(actor, new ResourceApproved(Now), new ProvisioningStarted(Now));
        await ConvergeSoonAsync();
        return Ok();
    }

    public async Task<ResourceResult> CancelAsync(string reason, Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (_data.State == ResourceState.Deleted)
        {
            return Ok();
        }

        if (!ResourceTransitions.CanCancel(_data.State))
        {
            return Illegal();
        }

        await Record(actor, new ResourceDeleted(Now, reason));
        await SquareQuotaAsync();
        return Ok();
    }

    public async Task<ResourceResult> ResizeAsync(ResourceSpec spec, Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (!ResourceTransitions.CanResize(_data.State) || spec.Kind != _data.Spec!.Kind)
        {
            return spec == _data.Spec ? Ok() : Illegal();
        }

        // Reserve the growth before touching the backend; shrinkage is given back once the backend has applied it.
        var peak = Peak(_data.Spec.Vector, spec.Vector);
        if (await HoldCapacityAsync(peak) is { } full)
        {
            return new ResourceResult(View(), full);
        }

        var reserved = await Department.ResizeAsync(Id, peak, ReservationOwner.System, actor);
        if (reserved.Error is not null)
        {
            await HoldCapacityAsync(_data.Spec.Vector);
            return new ResourceResult(View(), reserved.Error with { Detail = string.Join(", ", reserved.Reservation?.Shortfalls.Select(s => $"{s.Dimension} -{s.Missing}") ?? []) });
        }

        await Record(actor, new UpdateStarted(Now, spec, Running: true));
        await ConvergeSoonAsync();
        return Ok();
    }

    public async Task<ResourceResult> StopAsync(Actor actor) => await PowerAsync(actor, running: false);

    public async Task<ResourceResult> StartAsync(Actor actor) => await PowerAsync(actor, running: true);

    public async Task<ResourceResult> DeleteAsync(Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (_data.State is ResourceState.Deleting or ResourceState.Deleted)
        {
            return Ok();
        }

        if (!ResourceTransitions.CanDelete(_data.State))
        {
            return Illegal();
        }

        await Record(actor, new DeletionStarted(Now, "requested"));
        await ConvergeSoonAsync();
        return Ok();
    }

    public async Task<ResourceResult> RetryAsync(Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (!ResourceTransitions.CanRetry(_data.State))
        {
            return Illegal();
        }

        // A failure gave the pool's capacity back; building again needs it again.
        if (await HoldCapacityAsync(_data.Spec!.Vector) is { } full)
        {
            return new ResourceResult(View(), full);
        }

        await Record(actor, new ProvisioningStarted(Now));
        await ConvergeSoonAsync();
        return Ok();
    }

    public async Task<ResourceResult> ExtendLeaseAsync(DateTimeOffset? leaseEnd, Actor actor)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        if (!ResourceTransitions.CanChangeLease(_data.State))
        {
            return Illegal();
        }

        // Null removes the lease: only the explicit DELETE …/lease route sends it (a PUT without a date is refused).
        var (utc, refused) = LeaseRules.Check(leaseEnd, Now, _options.MaxLeaseAhead);
        if (refused is not null)
        {
            return new ResourceResult(View(), refused);
        }

        leaseEnd = utc;
        if (_data.LeaseEnd != leaseEnd)
        {
            // No reminder: the directory row now carries the new lease end, and the sweeper acts when a moment is due.
            await Record(actor, new LeaseChanged(Now, leaseEnd));
        }

        return Ok();
    }

    public Task<ResourceView?> ReconcileAsync() => ReconcileAsync(observeOnly: false);

    private async Task<ResourceView?> ReconcileAsync(bool observeOnly)
    {
        if (!_data.Exists)
        {
            return null;
        }

        var system = Actor.System($"reconcile:{Id}");
        try
        {
            await ConvergeAsync(system, observeOnly);
        }
        catch (ProvisionerException ex) when (ex.Permanent)
        {
            if (_data.State is ResourceState.Provisioning or ResourceState.Updating)
            {
                await Record(system, new ResourceFailed(Now, ex.Message));
            }
        }
        catch (ProvisionerException ex)
        {
            // Transient: the next tick tries again; nothing was decided.
            LogTransient(logger, ex, Id);
        }

        await LeaseAsync(system);
        await SquareQuotaAsync();
        SetTimer();
        return View();
    }

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

    public async Task<DatabaseAccessResult> IssueDatabaseAccessAsync(Actor actor, bool mayReset)
    {
        if (!_data.Exists)
        {
            return new DatabaseAccessResult(null, NotFound().Error);
        }

        var issuer = provisioners.CredentialsFor(_data.Backend);
        if (_data.Spec!.Kind != ContractKind.Database || issuer is null)
        {
            return new DatabaseAccessResult(null, new BrokerError(BrokerErrorKind.Conflict, "resource.no-credentials", "backend", _data.Backend));
        }

        if (_data.State != ResourceState.Ready)
        {
            return new DatabaseAccessResult(null, Illegal().Error);
        }

        if (_data.CredentialsShown && !mayReset)
        {
            return new DatabaseAccessResult(null, new BrokerError(BrokerErrorKind.Denied, "resource.credentials-reset-needs-admin"));
        }

        // Record first: if issuing fails after this, the next call is a reset, which is the safe side.
        await Record(actor, new CredentialsIssued(Now, _data.CredentialsShown));
        var issued = await issuer.IssueCredentialsAsync(Id);
        return new DatabaseAccessResult(new DatabaseAccess(issued.Host, issued.Port, issued.Database, issued.Username, issued.Password), null);
    }

    private IDepartmentGrain Department => GrainFactory.GetGrain<IDepartmentGrain>(_data.Creation!.Department);

    private ISystemGrain System => GrainFactory.GetGrain<ISystemGrain>($"{_data.Creation!.Department}/{_data.Creation.System}");

    private async Task<ResourceResult> PowerAsync(Actor actor, bool running)
    {
        if (!_data.Exists)
        {
            return NotFound();
        }

        var allowed = running ? ResourceTransitions.CanStart(_data.State, _data.Spec!.Kind) : ResourceTransitions.CanStop(_data.State, _data.Spec!.Kind);
        if (!allowed)
        {
            return (running && _data.State == ResourceState.Ready) || (!running && _data.State == ResourceState.Stopped) ? Ok() : Illegal();
        }

        await Record(actor, new UpdateStarted(Now, _data.Spec, running));
        await ConvergeSoonAsync();
        return Ok();
    }

    /// <summary>
    /// One round of work now, then the timer (observing soon, then less often) carries on; if this activation ends
    /// first, the sweeper finds the resource converging in the directory (written with the journal) and wakes it.
    /// </summary>
    private async Task ConvergeSoonAsync()
    {
        RestartObserveBackoff();
        await ReconcileAsync();
    }

    private async Task ConvergeAsync(Actor actor, bool observeOnly = false)
    {
        switch (_data.State)
        {
            case ResourceState.Provisioning or ResourceState.Updating or ResourceState.Ready or ResourceState.Stopped:
                var desired = Desired();
                var observed = observeOnly && desired == _applied ? await Backend().ObserveAsync(Id) : null;
                if (observed is null || observed.Phase == ObservedPhase.Absent)
                {
                    // Not applied in this activation, changed since, or gone behind our back: apply.
                    _applied = null;
                    observed = await Backend().ApplyAsync(desired);
                    _applied = desired;
                    if (observed.Repaired is { } repaired)
                    {
                        await ReportDriftAsync(desired, repaired);
                    }
                }

                switch (observed.Phase)
                {
                    case ObservedPhase.Ready when _data.State is ResourceState.Provisioning or ResourceState.Updating && _data.Running:
                        await Record(actor, new ResourceBecameReady(Now, observed.Outputs));
                        break;
                    case ObservedPhase.Stopped when _data.State == ResourceState.Updating && !_data.Running:
                        await Record(actor, new ResourceBecameStopped(Now));
                        break;
                    case ObservedPhase.Failed when _data.State is ResourceState.Provisioning or ResourceState.Updating:
                        await Record(actor, new ResourceFailed(Now, observed.Message ?? "the backend reported a failure"));
                        break;
                }

                break;
            case ResourceState.Deleting:
                var gone = await Backend().DeleteAsync(Id);
                if (gone.Phase == ObservedPhase.Absent)
                {
                    await Record(actor, new ResourceDeleted(Now, "deleted"));
                }

                break;
        }
    }

    /// <summary>
    /// The backend found this resource's object edited behind the broker's back and the apply put it back: say so
    /// (audit row + metric), since a silent overwrite would hide someone changing a department's machine.
    /// </summary>
    private async Task ReportDriftAsync(DesiredResource desired, string repaired)
    {
        var actor = Actor.System($"resource-reconcile:{Id}");
        var kind = desired.Kind == WorkloadKind.Vm ? "virtualmachine" : "cluster";
        await audit.AppendAsync([new AuditEntry(Now, actor.Subject, actor.DisplayName, desired.Department, kind, Id, "reconcile.drift-repaired",
            null, BrokerJson.Serialize(new { Backend = Backend().Name, Repaired = repaired }), actor.CorrelationId)]);
        BrokerMetrics.DriftRepaired.WithLabels(kind).Inc();
    }

    private async Task LeaseAsync(Actor actor)
    {
        if (_data.LeaseEnd is not { } end || _data.State is ResourceState.Deleting or ResourceState.Deleted or ResourceState.PendingApproval)
        {
            return;
        }

        var now = Now;
        if (!_data.LeaseWarned && now >= LeaseRules.Shift(end, -_options.LeaseWarning))
        {
            await Record(actor, new LeaseExpiring(now));
            BrokerMetrics.LeaseWarnings.Inc();
        }

        if (now >= LeaseRules.Shift(end, _options.LeaseGrace) && ResourceTransitions.CanDelete(_data.State))
        {
            await Record(actor, new DeletionStarted(now, "lease-ended"));
            await ConvergeAsync(actor);
        }
        else if (now >= end && ResourceTransitions.CanStop(_data.State, _data.Spec!.Kind))
        {
            await Record(actor, new UpdateStarted(now, _data.Spec, Running: false));
            await ConvergeAsync(actor);
        }
    }

    /// <summary>Makes the department's reservation for this resource match its state; every call it makes is idempotent.</summary>
    private async Task SquareQuotaAsync()
    {
        var actor = Actor.System($"quota:{Id}");
        switch (_data.State)
        {
            case ResourceState.Deleted:
                await Department.ReleaseAsync(Id, ReservationOwner.System, actor);
                await System.DeallocateAsync(Id);
                break;
            case ResourceState.Ready or ResourceState.Stopped:
                await Department.CommitAsync(Id, ReservationOwner.System, actor);
                if (_data.PreviousSpec is null)
                {
                    await Department.ResizeAsync(Id, _data.Spec!.Vector, ReservationOwner.System, actor);
                }

                break;
        }

        if (_data.Creation!.Pool is { } pool)
        {
            await Room.SquareAsync(new ResourceCapacity(Id, pool, _data.Creation.Department, _data.Creation.OrderId, _data.State, _data.Spec!.Vector));
        }
    }

    private ICapacityGrain Room => GrainFactory.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    /// <summary>Holds <paramref name="vector"/> in the resource's pool (growth must fit); null when held or supply is not managed.</summary>
    private async Task<BrokerError?> HoldCapacityAsync(Contracts.Quotas.QuotaVector vector)
    {
        if (_data.Creation!.Pool is not { } pool)
        {
            return null;
        }

        var held = await Room.HoldAsync(new ResourceCapacity(Id, pool, _data.Creation.Department, _data.Creation.OrderId, _data.State, vector));
        return held.Refusal is null
            ? null
            : new BrokerError(BrokerErrorKind.Conflict, "capacity.pool-full", "planCode", $"{pool}: {string.Join(", ", held.Shortfalls.Select(s => $"{s.Dimension} -{s.Missing}"))}");
    }

    private void SetTimer()
    {
        var converging = ResourceTransitions.IsConverging(_data.State);
        if (converging && _timer is null)
        {
            _observeDelay = FirstObserveDelay;
            _timer = this.RegisterGrainTimer(async _ => await ObserveTickAsync(), _observeDelay, _observeDelay);
        }
        else if (!converging && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
        }
    }

    private TimeSpan FirstObserveDelay =>
        _options.FirstObserveDelay > TimeSpan.Zero && _options.FirstObserveDelay < _options.ObserveInterval ? _options.FirstObserveDelay : _options.ObserveInterval;

    /// <summary>
    /// A timer tick: observe, then wait twice as long, up to <see cref="ProvisioningOptions.ObserveInterval"/>. A VM
    /// that is ready a moment after its apply is seen then, not a whole interval later.
    /// </summary>
    private async Task ObserveTickAsync()
    {
        await ReconcileAsync(observeOnly: true);
        if (_timer is not null && _observeDelay < _options.ObserveInterval)
        {
            _observeDelay = _observeDelay * 2 < _options.ObserveInterval ? _observeDelay * 2 : _options.ObserveInterval;
            _timer.Change(_observeDelay, _observeDelay);
        }
    }

    /// <summary>New work (provisioning, an update, a power change): observe soon again.</summary>
    private void RestartObserveBackoff()
    {
        if (_timer is not null && _observeDelay != FirstObserveDelay)
        {
            _observeDelay = FirstObserveDelay;
            _timer.Change(_observeDelay, _observeDelay);
        }
    }

    /// <summary>Journals <paramref name="events"/> in order, each with its audit row, in one transaction (seqs contiguous).</summary>
    private async Task Record(Actor actor, params ResourceEvent[] events)
    {
        var next = _data;
        var appended = new List<(long Seq, ResourceEvent Event)>(events.Length);
        var audits = new List<AuditEntry>(events.Length);
        string? before = _data.Exists ? BrokerJson.Serialize(View()) : null;
        foreach (var e in events)
        {
            next = next.Apply(next.Seq + 1, e);
            var after = BrokerJson.Serialize(next.ToView(provisioners.Named(next.Backend).IsSimulated));
            appended.Add((next.Seq, e));
            audits.Add(new AuditEntry(e.At, actor.Subject, actor.DisplayName, next.Creation!.Department, "resource", Id, e.Type, before, after, actor.CorrelationId));
            before = after;
        }

        await journal.AppendAsync(next, appended, actor.Subject, actor.CorrelationId, audits);
        _data = next;
        foreach (var e in events)
        {
            BrokerMetrics.ResourceTransitions.WithLabels(e.Type).Inc();
        }
    }

    private DesiredResource Desired()
    {
        var s = _data.Spec!;
        return new DesiredResource(
            Id, s.Kind == ContractKind.Vm ? WorkloadKind.Vm : WorkloadKind.Database,
            _data.Creation!.Department, _data.Creation.System, s.PlanCode, s.PlanVersion, s.SlaTier, _data.Creation.NetworkZone,
            s.Vcpu, s.MemoryGib, s.StorageGib, _data.Running, s.Image, s.DatabaseName, s.EngineVersion, s.Instances, s.BackupRetentionDays, s.ConnectionLimit,
            _data.Creation.Pool);
    }

    private static Contracts.Quotas.QuotaVector Peak(Contracts.Quotas.QuotaVector a, Contracts.Quotas.QuotaVector b) =>
        new(a.Dimensions.Union(b.Dimensions, StringComparer.Ordinal).Select(d => KeyValuePair.Create(d, Math.Max(a[d], b[d]))));

    private ResourceView View() => _data.ToView(Backend().IsSimulated);

    private ResourceResult Ok() => new(View(), null);

    private ResourceResult NotFound() => new(null, new BrokerError(BrokerErrorKind.NotFound, "resource.not-found"));

    private ResourceResult Illegal() =>
        new(View(), new BrokerError(BrokerErrorKind.Conflict, "resource.illegal-transition", "state", WireText.Of(_data.State)));

    private ResourceResult Error(BrokerErrorKind kind, string code, string? field = null) => new(_data.Exists ? View() : null, new BrokerError(kind, code, field));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient provisioner failure for resource {ResourceId}; retrying")]
    private static partial void LogTransient(ILogger logger, Exception exception, string resourceId);
}
