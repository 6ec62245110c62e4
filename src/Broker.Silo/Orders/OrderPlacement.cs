using Broker.Contracts.Common;
using Broker.Silo.Audit;
using Broker.Silo.Capacity;
using Broker.Silo.Storage;
using Broker.Silo.Systems;

namespace Broker.Silo.Orders;

/// <summary>
/// What becomes durable with an order's quota reservation, in the department's transaction: the order's first row
/// (version 1) with its audit row, the capacity holds of its placement and, for an order approved and placed at once,
/// its resources' allocations against the system's envelope with their audit rows (<see cref="PlacedAllocations"/>). Carried to the department grain as the
/// JSON document of an <see cref="AlongsideWrite"/> of kind <see cref="Kind"/>, turned into statements by
/// <see cref="OrderPlacementWriter"/>.
/// </summary>
public sealed record OrderPlacement(OrderData Order, AuditEntry Audit, IReadOnlyList<CapacityHold> Holds, PlacedAllocations? Envelope = null)
{
    public const string Kind = "order-placement";

    public AlongsideWrite ToWrite() => new(Kind, BrokerJson.Serialize(this));
}
