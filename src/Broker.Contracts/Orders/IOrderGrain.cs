using Broker.Contracts.Common;

namespace Broker.Contracts.Orders;

/// <summary>
/// One order, keyed <c>{department}/{orderId}</c>. Placing it reserves quota for all N resources at once (or refuses
/// with the shortfall) and decides auto-approval from the policy and the system's envelope, and answers once that
/// decision is durable; its resources are created right after, off the caller's path (<see cref="OrderView.Progress"/>
/// follows them). Approval releases them to provisioning, rejection or cancellation releases their quota. An order
/// waiting longer than the configured time is escalated, never dropped.
/// </summary>
[Alias("broker.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<OrderView?> GetAsync();

    /// <summary>
    /// Places the order and answers once the decision is durable, before its resources exist; placing it again with the
    /// same request answers the same at once (never waiting for the resources), with another request Conflict.
    /// </summary>
    [Alias("Place")]
    Task<OrderResult> PlaceAsync(OrderRequest request, Actor actor);

    [Alias("Approve")]
    Task<OrderResult> ApproveAsync(Approver approver);

    [Alias("Reject")]
    Task<OrderResult> RejectAsync(Approver approver, string reason);

    /// <summary>The department withdraws a pending order.</summary>
    [Alias("Cancel")]
    Task<OrderResult> CancelAsync(Actor actor);

    /// <summary>Finishes work a crash interrupted and escalates long waits; called by a reminder.</summary>
    [Alias("Reconcile")]
    Task ReconcileAsync();
}
