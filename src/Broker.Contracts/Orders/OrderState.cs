namespace Broker.Contracts.Orders;

[GenerateSerializer, Alias("broker.OrderState")]
public enum OrderState
{
    PendingApproval = 0,
    Approved = 1,
    Rejected = 2,
    Cancelled = 3,

    /// <summary>
    /// Decided, but its hand-off to resources failed for good (a permanent error, or the configured attempts): what it
    /// held for resources not built is given back, and <c>reason</c> says why.
    /// </summary>
    Failed = 4,
}
