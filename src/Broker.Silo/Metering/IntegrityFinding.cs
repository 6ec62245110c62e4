namespace Broker.Silo.Metering;

/// <summary>
/// Something about a month's ledger that finance must look at before closing it.
/// </summary>
/// <param name="Kind">billed-not-existing, existing-not-billed, overlapping-intervals or events-out-of-sequence.</param>
public sealed record IntegrityFinding(
    string Kind,
    string ResourceId,
    string Department,
    string Detail,
    string? Explanation = null,
    string? ExplainedBy = null,
    DateTimeOffset? ExplainedAt = null)
{
    public static readonly string[] Kinds = ["billed-not-existing", "existing-not-billed", "overlapping-intervals", "events-out-of-sequence"];

    public bool Explained => Explanation is not null;
}
