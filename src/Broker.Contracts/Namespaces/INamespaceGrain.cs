namespace Broker.Contracts.Namespaces;

/// <summary>
/// The Kubernetes namespace of one department, keyed by the department's code: keeps its quota, limits and network
/// policies equal to what the department's current quota implies, re-creates objects deleted behind the broker's back,
/// and records every repair (audit row and metric). Does nothing when no Kubernetes cluster is configured.
/// </summary>
[Alias("broker.INamespaceGrain")]
public interface INamespaceGrain : IGrainWithStringKey
{
    /// <summary>
    /// The department's quota changed (or it was created). Completes once the periodic reconciliation is durably
    /// scheduled, so a crash after this call still reaches the cluster; applies at once when the cluster answers.
    /// </summary>
    [Alias("QuotaChanged")]
    Task QuotaChangedAsync();

    /// <summary>Compares the namespace and the department's Kubernetes resources with the broker's truth and repairs drift.</summary>
    /// <returns>What was repaired, as <c>kind/name: reason</c>.</returns>
    [Alias("Reconcile")]
    Task<IReadOnlyList<string>> ReconcileAsync();
}
