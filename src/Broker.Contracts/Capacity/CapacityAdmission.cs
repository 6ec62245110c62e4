using Broker.Contracts.Common;
using Broker.Contracts.Quotas;

namespace Broker.Contracts.Capacity;

/// <summary>What the room decided for a request.</summary>
[GenerateSerializer, Alias("broker.CapacityOutcome")]
public enum CapacityOutcome
{
    /// <summary>Every unit has a pool (<see cref="CapacityAdmission.Pools"/>).</summary>
    Placed = 0,

    /// <summary>Nothing fits now; the order waits and is admitted, oldest first, when capacity frees.</summary>
    Queued = 1,

    /// <summary>Nothing fits (or no pool serves the zone); <see cref="CapacityAdmission.Refusal"/> says why.</summary>
    Refused = 2,

    /// <summary>No pool feeds the backend that builds this kind: supply is not managed for it, nothing was held.</summary>
    Unmanaged = 3,
}

/// <summary>The room's answer: the pool of each resource id, or why not.</summary>
[GenerateSerializer, Immutable, Alias("broker.CapacityAdmission")]
public sealed record CapacityAdmission(
    [property: Id(0)] CapacityOutcome Outcome,
    [property: Id(1)] IReadOnlyDictionary<string, string> Pools,
    [property: Id(2)] BrokerError? Refusal,
    [property: Id(3)] IReadOnlyList<Shortfall> Shortfalls)
{
    public bool Admitted => Outcome is CapacityOutcome.Placed or CapacityOutcome.Unmanaged;
}
