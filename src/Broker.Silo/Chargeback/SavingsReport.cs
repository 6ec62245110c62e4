namespace Broker.Silo.Chargeback;

/// <summary>Consolidation savings over whole months: per department and, in the top-level figures, for the city.</summary>
public sealed record SavingsReport(
    string From,
    string To,
    int Months,
    int HardwareLifeYears,
    IReadOnlyDictionary<string, decimal> DedicatedUnitCost,
    decimal DedicatedInvestmentCny,
    decimal SeparateCostCny,
    decimal SharedChargedCny,
    decimal SavingsCny,
    decimal? SeparateToSharedRatio,
    IReadOnlyList<DepartmentSavings> Departments);
