namespace Broker.Silo.Audit;

/// <summary>Filters for reading the audit trail; newest first, keyset-paged by <see cref="BeforeId"/>.</summary>
public sealed record AuditQuery(
    string? Department = null,
    string? Actor = null,
    string? ObjectType = null,
    string? ObjectId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int Limit = 50);
