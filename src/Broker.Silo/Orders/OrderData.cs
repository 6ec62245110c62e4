using System.Text.Json.Serialization;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Silo.Orders;

/// <summary>The order grain's persisted state.</summary>
[GenerateSerializer, Alias("broker.state.Order")]
public sealed record OrderData
{
    [Id(0)] public string Department { get; init; } = "";

    [Id(1)] public string Id { get; init; } = "";

    [Id(2)] public OrderRequest? Request { get; init; }

    [Id(3)] public int PlanVersion { get; init; }

    [Id(4)] public QuotaVector Total { get; init; } = QuotaVector.Empty;

    [Id(5)] public OrderState State { get; init; }

    [Id(6)] public bool AutoApproved { get; init; }

    [Id(7)] public List<ApprovalLevelView> Approvals { get; init; } = [];

    [Id(8)] public List<string> ResourceIds { get; init; } = [];

    [Id(9)] public bool Escalated { get; init; }

    [Id(10)] public string? Reason { get; init; }

    [Id(11)] public string OrderedBy { get; init; } = "";

    [Id(12)] public DateTimeOffset CreatedAt { get; init; }

    [Id(13)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>False while the resources and the system envelope have not yet caught up with <see cref="State"/> (crash-safe hand-off).</summary>
    [Id(14)] public bool Settled { get; init; }

    [Id(15)] public ResourceSpec? Spec { get; init; }

    [Id(16)] public string NetworkZone { get; init; } = "";

    /// <summary>The order fitted its quota but no pool and waits for capacity; its resources are created once placed.</summary>
    [Id(17)] public bool CapacityQueued { get; init; }

    /// <summary>The pool each resource was placed in (empty where supply is not managed).</summary>
    [Id(18)] public Dictionary<string, string> Pools { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Sweeps that failed to settle this order; past <c>OrderSettleAttempts</c> the order is compensated and failed.</summary>
    [Id(19)] public int SettleFailures { get; init; }

    /// <summary>
    /// The placing request's trace context (W3C <c>traceparent</c>), null when it was not traced: a hand-off resumed
    /// after a crash starts a trace of its own and links to this one (<see cref="OrderTracing"/>).
    /// </summary>
    [Id(20)] public string? TraceParent { get; init; }

    /// <summary>
    /// The system's envelope counted the resources in the placement's transaction (an order approved and placed at
    /// once): the hand-off then only tells the system grain (<c>AdoptAllocationsAsync</c>). False for orders approved
    /// later, queued for capacity, or placed by earlier versions: their hand-off allocates.
    /// </summary>
    [Id(21)] public bool EnvelopeCounted { get; init; }

    public bool Exists => Request is not null;

    /// <summary>Nothing left to hand to the resources: settled once decided, or failed. A pending order is never done.</summary>
    [JsonIgnore]
    public bool IsHandedOff => (Settled && State != OrderState.PendingApproval) || State == OrderState.Failed;

    /// <summary>
    /// Whether the order must wake on its own: pending approval (for escalation after <c>EscalateAfter</c>) or waiting
    /// in the capacity queue. Anything else settles at once, and a crash before it settles is the sweeper's to finish.
    /// </summary>
    [JsonIgnore]
    public bool NeedsWaking => (State == OrderState.PendingApproval && !Escalated) || CapacityQueued;

    public OrderView ToView() => new(Id, Department, Request!, PlanVersion, Total, State, AutoApproved, Approvals, ResourceIds, Escalated, Reason, OrderedBy, CreatedAt, UpdatedAt, CapacityQueued);
}
