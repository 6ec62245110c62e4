using Broker.Contracts.Orders;

namespace Broker.Silo.Orders;

/// <summary>An order the sweeper must wake, with its <c>updated_at</c> as the keyset to page on.</summary>
public sealed record UnsettledOrder(string Department, string Id, DateTimeOffset UpdatedAt)
{
    public OrderKey Key => new(Department, Id);
}
