namespace Broker.Contracts.Orders;

[GenerateSerializer, Alias("broker.OrderState")]
public enum OrderState
{
    PendingApproval = 0,
    Approved = 1,
    Rejected = 2,
    Cancelled = 3,
}
