using Broker.Contracts.Capacity;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>An order that fitted its quota but no pool, waiting for capacity (oldest first).</summary>
public sealed record QueuedOrder(
    string Department,
    string OrderId,
    string Zone,
    string Backend,
    QuotaVector PerUnit,
    IReadOnlyList<string> ResourceIds,
    DateTimeOffset QueuedAt)
{
    public OrderKey Key => new(Department, OrderId);

    public QuotaVector Total => ResourceIds.Aggregate(QuotaVector.Empty, (sum, _) => sum.Add(PerUnit));

    public QueuedOrderView ToView() => new(Department, OrderId, Zone, Backend, Total, QueuedAt);
}
