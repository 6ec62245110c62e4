using System.Text.Json;

namespace Broker.Silo.Audit;

/// <summary>An audit row as read back, with its identity for paging.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ActorName,
    string? Department,
    string ObjectType,
    string ObjectId,
    string Action,
    JsonElement? Before,
    JsonElement? After,
    string CorrelationId);
