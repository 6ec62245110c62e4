namespace Broker.Silo.Audit;

/// <summary>
/// The last link of a chain: how many rows it holds and the newest hash. An auditor who writes the heads down can later
/// tell that history was rewritten even by someone able to recompute every hash after it.
/// </summary>
public sealed record AuditChainHead(string Chain, long Seq, string Head);
