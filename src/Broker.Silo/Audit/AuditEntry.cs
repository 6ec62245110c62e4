namespace Broker.Silo.Audit;

/// <summary>One row of the append-only audit table. Before and after are JSON of the changed object.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string? ActorName,
    string? Department,
    string ObjectType,
    string ObjectId,
    string Action,
    string? Before,
    string? After,
    string CorrelationId);
