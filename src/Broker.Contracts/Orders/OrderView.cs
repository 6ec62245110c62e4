using Broker.Contracts.Quotas;

namespace Broker.Contracts.Orders;

/// <summary>
/// An order as its department and the approvers see it. <see cref="WaitingForCapacity"/>: queued until a pool has room.
/// <see cref="MonthlyEstimateCny"/>: what the order costs per month at this month's rate cards (the quote), filled in by
/// the API when it answers about one order; null in lists and when no rate card is in force. <see cref="Progress"/>: how far
/// its resources are (placed, provisioning k of N, ready, failed); filled in by the order grain when it answers.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Department,
    [property: Id(2)] OrderRequest Request,
    [property: Id(3)] int PlanVersion,
    [property: Id(4)] QuotaVector Total,
    [property: Id(5)] OrderState State,
    [property: Id(6)] bool AutoApproved,
    [property: Id(7)] IReadOnlyList<ApprovalLevelView> Approvals,
    [property: Id(8)] IReadOnlyList<string> ResourceIds,
    [property: Id(9)] bool Escalated,
    [property: Id(10)] string? Reason,
    [property: Id(11)] string OrderedBy,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt,
    [property: Id(14)] bool WaitingForCapacity = false,
    [property: Id(15)] decimal? MonthlyEstimateCny = null,
    [property: Id(16)] OrderProgress? Progress = null)
{
    /// <summary>The role that must act next, while pending.</summary>
    public string? WaitingFor => State == OrderState.PendingApproval ? Approvals.FirstOrDefault(a => !a.Done)?.Role : null;
}
