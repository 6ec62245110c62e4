namespace Broker.Silo.Quotas;

/// <summary>How a reservation request was answered; the metric label of <c>broker_quota_reservation_decisions_total</c> but for <see cref="Refused"/>.</summary>
public enum ReserveOutcome
{
    /// <summary>Answered without deciding: the department is missing or suspended.</summary>
    Refused,

    /// <summary>An id already used for another vector (or set): nothing decided.</summary>
    Conflict,

    /// <summary>The same request again: the first answer, once it is durable.</summary>
    Replayed,

    Granted,

    Denied,
}
