namespace Broker.Silo.Audit;

/// <summary>One audit row as verification sees it: its place in its chain, the hashes stored, the hash recomputed now.</summary>
public sealed record AuditChainLink(long Id, string Chain, long Seq, string PrevHash, string Hash, string Recomputed);
