using Broker.Silo.Chargeback;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Chargeback;

/// <summary>
/// The O&amp;M fee on a system's own build investment is owed on the platform and off it alike, so the savings compare
/// what the platform charged for resources (and imports, adjustments) only.
/// </summary>
public sealed class SavingsOmTests
{
    [Fact]
    public void Om_lines_on_the_systems_own_investment_are_left_out_of_what_the_platform_charged()
    {
        var statement = FixedStatements.Build("om-a", "2026-03",
        [
            new StatementLine("compute", "tax", "r-1", "vcpu-hour", 720m, "vCPU-hour", 0.05m, 36.00m),
            new StatementLine("storage", "tax", "r-1", "storage-gib-month", 100m, "GiB-month", 0.30m, 30.00m),
            new StatementLine("om", "tax", null, "om-fee", 1m, "month", 8_333.33m, 8_333.33m),
            new StatementLine("imported", "tax", null, "uplink-mbps", 10m, "Mbps-month", 1.50m, 15.00m),
        ]);
        var peak = new SystemPeak("om-a", "tax", 2, new Dictionary<string, long> { ["vcpu"] = 1, ["storage_gib"] = 100 });
        var options = new SavingsOptions
        {
            DedicatedUnitCost = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["vcpu"] = 1_200m, ["storage_gib"] = 6m },
            HardwareLifeYears = 5,
        };

        var report = SavingsCalculator.Compute(new BillingMonth(2026, 3), new BillingMonth(2026, 3), [peak], [statement], options);

        // Shared: 36 + 30 + 15 = 81.00, without the 8,333.33 O&M line.
        // Separate: investment 1×1200 + 100×6 = 1,800.00; write-off 1800/60 = 30.00; O&M 1800 × 8% / 12 = 12.00.
        var department = report.Departments.Single();
        Assert.Equal(81.00m, department.SharedChargedCny);
        Assert.Equal(81.00m, department.Systems.Single().SharedChargedCny);
        Assert.Equal(42.00m, department.SeparateCostCny);
        Assert.Equal(-39.00m, department.SavingsCny);
        Assert.Equal(0.52m, department.SeparateToSharedRatio); // 42 / 81 = 0.5185
    }
}
