namespace Broker.Silo.Chargeback;

/// <summary>
/// One system built on its own: the dedicated investment its peaks need, the period's share of that hardware, the
/// O&amp;M fee on it for the period, their sum, and what the shared platform charged the system.
/// </summary>
public sealed record SystemSavings(
    string SystemId,
    int OmTier,
    bool Registered,
    decimal OmRate,
    IReadOnlyDictionary<string, long> Peaks,
    decimal DedicatedInvestmentCny,
    decimal HardwareCny,
    decimal OmFeeCny,
    decimal SeparateCostCny,
    decimal SharedChargedCny);
