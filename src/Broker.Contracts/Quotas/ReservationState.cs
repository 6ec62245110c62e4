namespace Broker.Contracts.Quotas;

[GenerateSerializer, Alias("broker.ReservationState")]
public enum ReservationState
{
    /// <summary>Counted in <c>reserved</c> until committed, released or expired.</summary>
    Held = 0,

    /// <summary>Counted in <c>used</c>: the resource exists. Releasing it gives the quota back.</summary>
    Committed = 1,
    Released = 2,
    Expired = 3,
    Denied = 4,
}
