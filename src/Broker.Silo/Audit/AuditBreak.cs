namespace Broker.Silo.Audit;

/// <summary>Where a chain stops verifying.</summary>
/// <param name="RowId">The audit row at fault; absent when the chain's recorded head names rows that are gone.</param>
/// <param name="Problem">
/// row-altered (the row's content no longer gives its hash), link-broken (its previous hash is not the hash of the row
/// before it), row-missing (a position in the chain has no row), head-mismatch (the chain's head is not its last row).
/// </param>
public sealed record AuditBreak(string Chain, long? RowId, long Seq, string Problem, string Expected, string Found);
