namespace Broker.Silo.Resources;

/// <summary>What the department's reservation for a resource must be told so that it matches the resource's state.</summary>
public enum QuotaStep
{
    /// <summary>Still held (building, updating) or left as it is (failed): nothing to say.</summary>
    None,

    /// <summary>Deleted: the reservation is released and the system's allocation given back.</summary>
    Release,

    /// <summary>Ready or stopped after an update: committed (the resize was settled when the update was asked).</summary>
    Commit,

    /// <summary>Ready or stopped with no update under way: committed, and resized to the spec in case a crash left it otherwise.</summary>
    CommitAtSpec,
}
