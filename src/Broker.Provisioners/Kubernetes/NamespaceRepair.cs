namespace Broker.Provisioners.Kubernetes;

/// <summary>One object of a department's namespace that the reconciler had to write.</summary>
/// <param name="Kind">namespace, networkpolicy, resourcequota, limitrange, virtualmachine, cluster.</param>
/// <param name="Reason"><c>created</c> (its namespace was new), <c>missing</c> (deleted behind the broker's back),
/// <c>changed</c> (differs from what the broker wants), or <c>orphan</c> (no live resource owns it; deleted).</param>
public sealed record NamespaceRepair(string Kind, string Name, string Reason)
{
    /// <summary>True for repairs of something the cluster lost or someone changed, as opposed to first creation.</summary>
    public bool IsDrift => Reason != "created";
}
