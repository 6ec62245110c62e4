using Broker.Silo.Metering;
using Broker.Silo.Systems;

namespace Broker.Silo.Chargeback;

/// <summary>
/// What the same systems would have cost built separately, against what the shared platform charged. For each system
/// over <c>n</c> whole months (docs/finance.md has the worked example):
/// <code>
/// investment = Σ_dimension peak[dimension] × DedicatedUnitCost[dimension]          (rounded to the fen)
/// hardware   = investment × n / (12 × HardwareLifeYears)                          (the period's write-off)
/// om         = investment × baseRate(tier) × n / 12                               (O&amp;M fee on that investment)
/// separate   = hardware + om
/// </code>
/// baseRate is the lower end of the tier's range in <see cref="OmFeeRates"/>, so the comparison never flatters the
/// shared platform. Each amount is rounded half-up to the fen on its own; departments and the city are sums of
/// rounded system figures. Shared = the departments' statement lines over the same months except the O&amp;M lines on
/// the systems' own build investment, which are owed either way.
/// </summary>
public static class SavingsCalculator
{
    public static SavingsReport Compute(
        BillingMonth from, BillingMonth to, IReadOnlyList<SystemPeak> peaks, IEnumerable<Statement> statements, SavingsOptions options)
    {
        var months = BillingMonth.Count(from, to);
        var statementList = statements.ToList();
        // The O&M fee on a system's own build investment is owed whether it runs here or on its own hardware, so it
        // cancels out of the comparison: shared = what the platform charged for resources, imports and adjustments.
        var platformLines = statementList
            .SelectMany(s => s.Lines.Where(l => l.Category != StatementCategories.Om).Select(l => (s.Department, l.SystemId, l.Amount)))
            .ToList();
        var sharedByDepartment = statementList.Select(s => s.Department).Distinct(StringComparer.Ordinal)
            .ToDictionary(d => d, _ => 0m, StringComparer.Ordinal);
        foreach (var line in platformLines)
        {
            sharedByDepartment[line.Department] += line.Amount;
        }

        var sharedBySystem = platformLines
            .GroupBy(x => (x.Department, x.SystemId))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        var peaksByDepartment = peaks.ToLookup(p => p.Department, StringComparer.Ordinal);

        var departments = new List<DepartmentSavings>();
        foreach (var department in sharedByDepartment.Keys.Union(peaks.Select(p => p.Department)).Distinct().Order(StringComparer.Ordinal))
        {
            var systems = peaksByDepartment[department]
                .OrderBy(p => p.SystemId, StringComparer.Ordinal)
                .Select(p => ForSystem(p, months, options, sharedBySystem.GetValueOrDefault((department, p.SystemId))))
                .ToList();
            var separate = systems.Sum(s => s.SeparateCostCny);
            var shared = sharedByDepartment.GetValueOrDefault(department);
            departments.Add(new DepartmentSavings(
                department, systems.Sum(s => s.DedicatedInvestmentCny), separate, shared, separate - shared, Ratio(separate, shared), systems));
        }

        var citySeparate = departments.Sum(d => d.SeparateCostCny);
        var cityShared = departments.Sum(d => d.SharedChargedCny);
        return new SavingsReport(
            from.ToString(), to.ToString(), months, options.HardwareLifeYears,
            new SortedDictionary<string, decimal>(options.DedicatedUnitCost, StringComparer.Ordinal),
            departments.Sum(d => d.DedicatedInvestmentCny), citySeparate, cityShared, citySeparate - cityShared, Ratio(citySeparate, cityShared), departments);
    }

    public static SystemSavings ForSystem(SystemPeak peak, int months, SavingsOptions options, decimal sharedCharged)
    {
        var tier = peak.OmTier ?? options.UnregisteredSystemTier;
        var rate = OmFeeRates.ForTier(tier).Min;
        var investment = Money.Round(peak.Peaks.Sum(p => p.Value * options.DedicatedUnitCost.GetValueOrDefault(p.Key)));
        var hardware = Money.Round(investment * months / (12m * options.HardwareLifeYears));
        var om = Money.Round(investment * rate * months / 12m);
        return new SystemSavings(
            peak.SystemId, tier, peak.OmTier is not null, rate, peak.Peaks, investment, hardware, om, hardware + om, sharedCharged);
    }

    private static decimal? Ratio(decimal separate, decimal shared) =>
        shared > 0m ? decimal.Round(separate / shared, 2, MidpointRounding.AwayFromZero) : null;
}
