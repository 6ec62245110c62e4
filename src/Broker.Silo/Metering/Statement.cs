namespace Broker.Silo.Metering;

/// <summary>
/// A department's chargeback statement for one calendar month in Asia/Shanghai time (<see cref="Period"/> is yyyy-MM).
/// Open statements are recomputed on demand and, but for <see cref="AsOf"/>, byte-identical when nothing changed;
/// closed ones are frozen with the hash of their content.
/// </summary>
/// <param name="State">open or closed.</param>
/// <param name="AsOf">
/// When an open statement was computed (the facts it reflects are those committed by then), so two reads of a month
/// that is still moving can be told apart and reconciled. Absent on closed statements, which carry <see cref="ClosedAt"/>.
/// </param>
public sealed record Statement(
    string Department,
    string Period,
    string State,
    string Currency,
    IReadOnlyList<StatementLine> Lines,
    IReadOnlyList<StatementSubtotal> BySystem,
    IReadOnlyList<StatementSubtotal> ByCategory,
    decimal Total,
    string? ContentHash = null,
    DateTimeOffset? ClosedAt = null,
    string? ClosedBy = null,
    DateTimeOffset? AsOf = null);

public sealed record StatementSubtotal(string Key, decimal Amount);
