namespace Broker.Silo.Chargeback;

/// <summary>A department's separate-build cost against what the shared platform charged it (its statement totals).</summary>
public sealed record DepartmentSavings(
    string Department,
    decimal DedicatedInvestmentCny,
    decimal SeparateCostCny,
    decimal SharedChargedCny,
    decimal SavingsCny,
    decimal? SeparateToSharedRatio,
    IReadOnlyList<SystemSavings> Systems);
