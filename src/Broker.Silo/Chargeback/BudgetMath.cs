using Broker.Silo.Metering;

namespace Broker.Silo.Chargeback;

/// <summary>
/// Budget to date and alerts, as pure functions. The annual budget accrues evenly by month (a twelfth each); the month
/// still running accrues in proportion to its elapsed time, so a month-to-date actual is compared with a
/// month-to-date budget and a department is not flagged on the 3rd for a whole month's budget it has not had yet.
/// </summary>
public static class BudgetMath
{
    /// <summary>
    /// The share of the year's budget accrued at the end of <paramref name="month"/>, or at <paramref name="now"/> if
    /// earlier. Not rounded: ten twelfths of 120,000 must be 100,000.00, not 0.833333 × 120,000.
    /// </summary>
    public static decimal ElapsedShareOfYear(BillingMonth month, DateTimeOffset now)
    {
        var asOf = now < month.End ? now : month.End;
        var yearStart = new BillingMonth(month.Year, 1).Start;
        if (asOf <= yearStart)
        {
            return 0m;
        }

        var current = BillingMonth.Of(asOf);
        if (current.Year != month.Year)
        {
            // asOf is exactly the end of December.
            return 1m;
        }

        var monthLength = (current.End - current.Start).Ticks;
        var partial = (decimal)(asOf - current.Start).Ticks / monthLength;
        return (current.Month - 1 + partial) / 12m;
    }

    public static BudgetStatus Evaluate(
        DepartmentBudget budget, BillingMonth month, decimal actualToDate, decimal periodActual, DateTimeOffset now, IReadOnlyList<decimal> thresholds)
    {
        var elapsed = ElapsedShareOfYear(month, now);
        var budgetToDate = Money.Round(budget.AmountCny * elapsed);
        decimal? used = budgetToDate > 0m ? decimal.Round(actualToDate / budgetToDate, 4, MidpointRounding.AwayFromZero) : null;
        // Before any budget has accrued, any spending at all is over it.
        var reached = thresholds.Where(t => used is { } u ? u >= t : actualToDate > 0m).ToList();
        return new BudgetStatus(
            budget.Department,
            budget.Year,
            month.ToString(),
            budget.AmountCny,
            decimal.Round(elapsed, 6, MidpointRounding.AwayFromZero),
            budgetToDate,
            actualToDate,
            periodActual,
            used,
            decimal.Round(actualToDate / budget.AmountCny, 4, MidpointRounding.AwayFromZero),
            thresholds,
            reached,
            reached.Count > 0);
    }
}
