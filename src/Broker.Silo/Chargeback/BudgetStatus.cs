namespace Broker.Silo.Chargeback;

/// <summary>
/// Budget against actual for one department up to the end of <see cref="Period"/> (or now, within the current month).
/// <see cref="UsedShare"/> is actual to date over budget to date; <see cref="AlertsReached"/> lists the configured
/// thresholds it has reached, and <see cref="Alert"/> is true when any has.
/// </summary>
public sealed record BudgetStatus(
    string Department,
    int Year,
    string Period,
    decimal AnnualBudgetCny,
    decimal ElapsedShareOfYear,
    decimal BudgetToDateCny,
    decimal ActualToDateCny,
    decimal PeriodActualCny,
    decimal? UsedShare,
    decimal AnnualShare,
    IReadOnlyList<decimal> Thresholds,
    IReadOnlyList<decimal> AlertsReached,
    bool Alert);
