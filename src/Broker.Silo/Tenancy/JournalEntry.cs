using Broker.Silo.Audit;

namespace Broker.Silo.Tenancy;

/// <summary>An event waiting to be made durable, with who caused it and what the audit table should say.</summary>
public sealed record JournalEntry(long Seq, DepartmentEvent Event, string Actor, string CorrelationId, AuditEntry? Audit);
