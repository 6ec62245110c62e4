namespace Broker.Contracts.Orders;

/// <summary>Where an order's resources are: wire names <c>placed</c>, <c>provisioning</c>, <c>ready</c>, <c>failed</c>, and the terminal decisions as they are.</summary>
[GenerateSerializer, Alias("broker.OrderPhase")]
public enum OrderPhase
{
    /// <summary>Decided (or waiting for approval or capacity); its resources are not being built yet.</summary>
    Placed = 0,

    /// <summary>Approved and handed to its resources: <see cref="OrderProgress.Ready"/> of <see cref="OrderProgress.Total"/> are built.</summary>
    Provisioning = 1,

    /// <summary>Every resource has been built.</summary>
    Ready = 2,

    /// <summary>The hand-off failed, or a resource failed to build (a retry of that resource may still mend it).</summary>
    Failed = 3,

    Rejected = 4,
    Cancelled = 5,
}

/// <summary>
/// An order's progress once decided, so the department sees "provisioning k of N" without opening every resource.
/// <see cref="Ready"/> counts the order's resources that have been built (ready or stopped), <see cref="Total"/> its quantity.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.OrderProgress")]
public sealed record OrderProgress(
    [property: Id(0)] OrderPhase State,
    [property: Id(1)] int Ready,
    [property: Id(2)] int Total);
