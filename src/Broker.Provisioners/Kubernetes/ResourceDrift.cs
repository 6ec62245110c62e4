using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Why the watch asks for a resource to be reconciled.</summary>
public enum DriftReason
{
    /// <summary>Its object was deleted, or a list found none, while the broker may think it live.</summary>
    Missing,

    /// <summary>Its spec or labels no longer hash to what the broker stamped when it applied them.</summary>
    Spec,

    /// <summary>Applied before the broker stamped its objects (an earlier version), or the stamp was removed.</summary>
    Unstamped,

    /// <summary>Applied under other manifest options (a changed image list or sizing model): to be applied again.</summary>
    Outdated,
}

/// <summary>A broker object the watch found drifted; <see cref="ResourceId"/> is the object's name and resource id.</summary>
public sealed record ResourceDrift(WorkloadKind Kind, string ResourceId, string Department, DriftReason Reason);
