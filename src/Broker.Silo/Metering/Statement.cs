namespace Broker.Silo.Metering;

/// <summary>
/// A department's chargeback statement for one calendar month in Asia/Shanghai time (<see cref="Period"/> is yyyy-MM).
/// Open statements are recomputed on demand and byte-identical when nothing changed; closed ones are frozen with the
/// hash of their content.
/// </summary>
/// <param name="State">open or closed.</param>
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
    string? ClosedBy = null);

public sealed record StatementSubtotal(string Key, decimal Amount);
