using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Chargeback;

/// <summary>
/// Finance's views over the statements: trend, top systems, budget against actual. <c>department</c> null means every
/// department; the callers (HTTP) decide who may ask for which.
/// </summary>
public sealed class ChargebackViews(StatementSource statements, BudgetStore budgets, BrokerClock clock, IOptions<ChargebackOptions> options)
{
    public async Task<IReadOnlyList<DepartmentTrend>> TrendAsync(
        string? department, BillingMonth from, BillingMonth to, CancellationToken cancellationToken = default)
    {
        var months = await statements.ForAsync(department, from, to, cancellationToken);
        return Trends(months);
    }

    /// <summary>Pure: month-by-month statements to one trend per department (a department missing in a month counts 0).</summary>
    public static IReadOnlyList<DepartmentTrend> Trends(IReadOnlyList<(BillingMonth Month, IReadOnlyList<Statement> Statements)> months)
    {
        var departments = months.SelectMany(m => m.Statements).Select(s => s.Department).Distinct().Order(StringComparer.Ordinal);
        var trends = new List<DepartmentTrend>();
        foreach (var department in departments)
        {
            var points = months.Select(m =>
            {
                var statement = m.Statements.FirstOrDefault(s => s.Department == department);
                return statement is null
                    ? new TrendPoint(m.Month.ToString(), "none", 0m, new Dictionary<string, decimal>())
                    : new TrendPoint(m.Month.ToString(), statement.State, statement.Total, statement.ByCategory.ToDictionary(c => c.Key, c => c.Amount, StringComparer.Ordinal));
            }).ToList();
            var total = points.Sum(p => p.TotalCny);
            trends.Add(new DepartmentTrend(department, points, total, Money.Round(total / points.Count)));
        }

        return trends;
    }

    public async Task<IReadOnlyList<SystemCost>> TopSystemsAsync(
        string? department, BillingMonth month, int limit, CancellationToken cancellationToken = default)
    {
        var months = await statements.ForAsync(department, month, month, cancellationToken);
        return TopSystems(months[0].Statements, limit);
    }

    /// <summary>Pure: systems by amount, largest first (ties by department and id), with their share of all systems' sum.</summary>
    public static IReadOnlyList<SystemCost> TopSystems(IReadOnlyList<Statement> statements, int limit)
    {
        var all = statements.SelectMany(s => s.BySystem.Select(b => (s.Department, SystemId: b.Key, b.Amount))).ToList();
        var sum = all.Sum(x => x.Amount);
        return all
            .OrderByDescending(x => x.Amount).ThenBy(x => x.Department, StringComparer.Ordinal).ThenBy(x => x.SystemId, StringComparer.Ordinal)
            .Take(limit)
            .Select((x, i) => new SystemCost(i + 1, x.Department, x.SystemId, x.Amount, sum == 0m ? 0m : decimal.Round(x.Amount / sum, 4, MidpointRounding.AwayFromZero)))
            .ToList();
    }

    /// <summary>Budget against actual for departments with a budget for the month's year (one, or all when null).</summary>
    public async Task<IReadOnlyList<BudgetStatus>> BudgetStatusAsync(string? department, BillingMonth month, CancellationToken cancellationToken = default)
    {
        var set = await budgets.ListAsync(month.Year, department, cancellationToken);
        if (set.Count == 0)
        {
            return [];
        }

        // One department: its own statements only. Several: every department's per month is one engine call per month.
        var months = set.Count == 1
            ? await statements.OneAsync(set[0].Department, new BillingMonth(month.Year, 1), month, cancellationToken)
            : await statements.AllAsync(new BillingMonth(month.Year, 1), month, cancellationToken);
        return BudgetStatuses(set, months, month, clock.GetUtcNow(), options.Value.AlertThresholds);
    }

    /// <summary>Pure: budgets and the year's statements up to the month to one status per budget.</summary>
    public static IReadOnlyList<BudgetStatus> BudgetStatuses(
        IReadOnlyList<DepartmentBudget> budgets, IReadOnlyList<(BillingMonth Month, IReadOnlyList<Statement> Statements)> months,
        BillingMonth month, DateTimeOffset now, IReadOnlyList<decimal> thresholds)
    {
        var toDate = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var inMonth = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (m, list) in months)
        {
            foreach (var statement in list)
            {
                toDate[statement.Department] = toDate.GetValueOrDefault(statement.Department) + statement.Total;
                if (m == month)
                {
                    inMonth[statement.Department] = statement.Total;
                }
            }
        }

        return budgets
            .Select(b => BudgetMath.Evaluate(b, month, toDate.GetValueOrDefault(b.Department), inMonth.GetValueOrDefault(b.Department), now, thresholds))
            .ToList();
    }
}
