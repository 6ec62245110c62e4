namespace Broker.Contracts.Resources;

/// <summary>The lifecycle of one VM or database. Only the transitions in ResourceTransitions are legal.</summary>
[GenerateSerializer, Alias("broker.ResourceState")]
public enum ResourceState
{
    PendingApproval = 0,
    Approved = 1,
    Provisioning = 2,
    Ready = 3,
    Updating = 4,
    Stopped = 5,
    Deleting = 6,
    Deleted = 7,
    Failed = 8,
}
