using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>A resource's state, folded from its journal by <see cref="Apply"/>; records replaced with <c>with</c>.</summary>
public sealed record ResourceData
{
    public string Id { get; init; } = "";

    public ResourceCreation? Creation { get; init; }

    public ResourceSpec? Spec { get; init; }

    public ResourceState State { get; init; } = ResourceState.PendingApproval;

    /// <summary>Desired power state for VMs.</summary>
    public bool Running { get; init; } = true;

    /// <summary>The spec before the update under way, so quota can be squared once the backend agrees.</summary>
    public ResourceSpec? PreviousSpec { get; init; }

    public string? FailureReason { get; init; }

    public DateTimeOffset? LeaseEnd { get; init; }

    public bool LeaseWarned { get; init; }

    /// <summary>Database credentials were shown once already; issuing again is a reset.</summary>
    public bool CredentialsShown { get; init; }

    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    public string Backend { get; init; } = "";

    public long Seq { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Creation is not null;

    public ResourceData Apply(long seq, ResourceEvent e)
    {
        var next = e switch
        {
            ResourceCreated c => this with
            {
                Creation = c.Creation,
                Spec = c.Creation.Spec,
                State = c.Creation.Approved ? ResourceState.Approved : ResourceState.PendingApproval,
                LeaseEnd = c.Creation.LeaseEnd?.ToUniversalTime(),
                Backend = c.Backend,
                CreatedAt = c.At,
            },
            ResourceApproved => this with { State = ResourceState.Approved },
            ProvisioningStarted => this with { State = ResourceState.Provisioning, FailureReason = null },
            ResourceBecameReady r => this with { State = ResourceState.Ready, Outputs = r.Outputs, PreviousSpec = null, Running = true },
            UpdateStarted u => this with { State = ResourceState.Updating, PreviousSpec = Spec, Spec = u.Spec, Running = u.Running },
            ResourceBecameStopped => this with { State = ResourceState.Stopped, PreviousSpec = null },
            ResourceFailed f => this with { State = ResourceState.Failed, FailureReason = f.Reason },
            DeletionStarted => this with { State = ResourceState.Deleting },
            ResourceDeleted d => this with { State = ResourceState.Deleted, FailureReason = State == ResourceState.PendingApproval ? d.Reason : FailureReason },
            LeaseChanged l => this with { LeaseEnd = l.LeaseEnd?.ToUniversalTime(), LeaseWarned = false },
            LeaseExpiring => this with { LeaseWarned = true },
            CredentialsIssued => this with { CredentialsShown = true },
            _ => this,
        };
        return next with { Id = Id, Seq = seq, UpdatedAt = e.At };
    }

    public ResourceView ToView(bool simulated) => new(
        Id, Creation!.Department, Creation.OwningSystem, Creation.OrderId, Spec!, State, FailureReason, LeaseEnd, LeaseWarned,
        Outputs, Backend, simulated, Seq, CreatedAt, UpdatedAt, Creation.Pool);
}
