namespace Broker.Silo.Resources;

/// <summary>What a lease moment does to the resource itself, beyond the one-time warning.</summary>
public enum LeaseStep
{
    None,

    /// <summary>The lease ended: a ready VM is stopped (databases keep running until the grace ends).</summary>
    Stop,

    /// <summary>The grace after the end passed: the resource is deleted.</summary>
    Delete,
}
