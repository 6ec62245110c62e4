namespace Broker.Contracts.Quotas;

/// <summary>
/// Who a reservation belongs to. Each owner has its own id space in the department's journal, so the same id may name
/// one reservation of each, and a caller only ever sees and changes reservations of the owner it passes.
/// </summary>
[GenerateSerializer, Alias("broker.ReservationOwner")]
public enum ReservationOwner
{
    /// <summary>
    /// The broker itself: the holds of orders and resources (id = resource id). Never visible through the department's
    /// public reservation routes. Journal entries and snapshots written before owners existed carry no owner and read as
    /// this value (fail closed: a hold of unknown origin is never handed to a department's tooling).
    /// </summary>
    System = 0,

    /// <summary>Holds a department's own tooling makes through <c>/api/departments/{code}/reservations</c>.</summary>
    Department = 1,
}
