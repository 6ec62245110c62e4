namespace Broker.Silo.Audit;

/// <summary>The outcome of walking every chain of the audit log.</summary>
/// <param name="Rows">Rows read (all of them, also after a break).</param>
/// <param name="FirstBreak">The earliest written row at which a chain breaks; null when every row verifies.</param>
/// <param name="BrokenChains">Every chain with a break, by name.</param>
public sealed record AuditVerification(
    bool Intact, long Rows, int Chains, AuditBreak? FirstBreak, IReadOnlyList<string> BrokenChains, IReadOnlyList<AuditChainHead> Heads);
