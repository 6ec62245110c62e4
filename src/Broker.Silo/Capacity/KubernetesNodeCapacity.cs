using Broker.Contracts.Quotas;
using k8s;
using k8s.Models;

namespace Broker.Silo.Capacity;

/// <summary>
/// Reads a Kubernetes pool's physical capacity: the allocatable CPU and memory of the nodes labelled with the pool's
/// name, summed (what the kubelets offer after system reservations). RBAC: <c>list</c> on <c>nodes</c> (cluster scope).
/// </summary>
public sealed class KubernetesNodeCapacity(IKubernetes client)
{
    private const long Gib = 1024L * 1024 * 1024;

    public async Task<QuotaVector> ReadAsync(string label, string pool, CancellationToken cancellationToken = default)
    {
        var nodes = await client.CoreV1.ListNodeAsync(labelSelector: $"{label}={pool}", cancellationToken: cancellationToken);
        decimal cpu = 0, memory = 0;
        foreach (var node in nodes.Items.Where(Schedulable))
        {
            cpu += Amount(node, "cpu");
            memory += Amount(node, "memory");
        }

        // Whole cores and whole GiB: a fraction cannot be sold.
        return new QuotaVector([KeyValuePair.Create("vcpu", (long)decimal.Floor(cpu)), KeyValuePair.Create("memory_gib", (long)decimal.Floor(memory / Gib))]);
    }

    // A cordoned node takes no new work, so it adds no capacity.
    private static bool Schedulable(V1Node node) => node.Spec?.Unschedulable != true;

    private static decimal Amount(V1Node node, string resource) =>
        node.Status?.Allocatable is { } allocatable && allocatable.TryGetValue(resource, out var quantity) ? quantity.ToDecimal() : 0;
}
