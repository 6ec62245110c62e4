namespace Broker.Silo.Metering;

/// <summary>
/// One rated line of a department's monthly statement. <see cref="Amount"/> is rounded half-up to the fen on its own;
/// subtotals and totals are sums of rounded lines, so a statement always adds up.
/// </summary>
/// <param name="Category">compute, storage, database, imported, om, sla-credit or adjustment.</param>
/// <param name="SystemId">The department's system the line belongs to.</param>
/// <param name="ResourceId">The resource, for ledger lines; null for imported usage and O&amp;M lines.</param>
/// <param name="Meter">What was measured: vcpu-hour, memory-gib-hour, storage-gib-month, db-plan-month, om-fee, or an imported meter.</param>
/// <param name="OriginalPeriod">For adjustments: the closed month (yyyy-MM) the usage belonged to.</param>
public sealed record StatementLine(
    string Category,
    string SystemId,
    string? ResourceId,
    string Meter,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount,
    string? Note = null,
    string? OriginalPeriod = null);
