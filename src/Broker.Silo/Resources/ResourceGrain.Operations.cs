using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Silo.Storage;
using ContractKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Resources;

/// <summary>The lifecycle operations: each checks, records its decision durably, then starts converging.</summary>
public sealed partial class ResourceGrain
{
    public async Task<ResourceResult> CreateAsync(ResourceCreation creation, Actor actor)
    {
        if (_data.Exists)
        {
            // The approval flag is where the order was when it asked; approval itself arrives through ApproveAsync.
            return _data.Creation! with { Approved = creation.Approved } == creation
                ? Ok()
                : Error(BrokerErrorKind.Conflict, "resource.exists");
        }

        // A new resource goes to a configured backend (the simulated room is always there), so creation is never refused here.
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

        // Approval and the start of provisioning in one journal append (one durable write instead of two). On a backend
        // no longer configured, the reconcile that follows records the resource failed, naming it.
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
        await Quota.SquareAsync(_data);
        return Ok();
    }

    public async Task<ResourceResult> ResizeAsync(ResourceSpec spec, Actor actor)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }

        if (!ResourceTransitions.CanResize(_data.State) || spec.Kind != _data.Spec!.Kind)
        {
            return spec == _data.Spec ? Ok() : Illegal();
        }

        if (await Quota.ReserveResizeAsync(_data, spec, actor) is { } refusal)
        {
            return new ResourceResult(View(), refusal);
        }

        await Record(actor, new UpdateStarted(Now, spec, Running: true));
        await ConvergeSoonAsync();
        return Ok();
    }

    public Task<ResourceResult> StopAsync(Actor actor) => PowerAsync(actor, running: false);

    public Task<ResourceResult> StartAsync(Actor actor) => PowerAsync(actor, running: true);

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

        // Only the backend can say that everything is gone; without it the quota stays held rather than being given back early.
        if (Refused() is { } refused)
        {
            return refused;
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
        if (Refused() is { } refused)
        {
            return refused;
        }

        if (!ResourceTransitions.CanRetry(_data.State))
        {
            return Illegal();
        }

        // A failure gave the pool's capacity back; building again needs it again.
        if (await Quota.HoldCapacityAsync(_data, _data.Spec!.Vector) is { } full)
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

        if (_data.LeaseEnd != utc)
        {
            // No reminder: the directory row now carries the new lease end, and the sweeper acts when a moment is due.
            await Record(actor, new LeaseChanged(Now, utc));
        }

        return Ok();
    }

    public async Task<DatabaseAccessResult> IssueDatabaseAccessAsync(Actor actor, bool mayReset)
    {
        if (Refused() is { } refused)
        {
            return new DatabaseAccessResult(null, refused.Error);
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

    private async Task<ResourceResult> PowerAsync(Actor actor, bool running)
    {
        if (Refused() is { } refused)
        {
            return refused;
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

    /// <summary>The answer to an operation that must reach the backend: not found, or its backend not configured; null to go on.</summary>
    private ResourceResult? Refused() =>
        !_data.Exists ? NotFound()
        : Backend is null ? new ResourceResult(View(), BackendRules.Refusal(_data.Backend))
        : null;

    private ResourceResult Ok() => new(View(), null);

    private ResourceResult NotFound() => new(null, new BrokerError(BrokerErrorKind.NotFound, "resource.not-found"));

    private ResourceResult Illegal() =>
        new(View(), new BrokerError(BrokerErrorKind.Conflict, "resource.illegal-transition", "state", WireText.Of(_data.State)));

    private ResourceResult Error(BrokerErrorKind kind, string code, string? field = null) => new(_data.Exists ? View() : null, new BrokerError(kind, code, field));
}
