using Microsoft.Extensions.Options;

namespace Broker.Silo.Chargeback;

/// <summary>Reports every bad chargeback setting at once, at start.</summary>
public sealed class ChargebackOptionsValidator : IValidateOptions<ChargebackOptions>
{
    public ValidateOptionsResult Validate(string? name, ChargebackOptions options)
    {
        var failures = new List<string>();
        if (options.BudgetAlertThresholds.Any(t => t is <= 0m or > 10m))
        {
            failures.Add($"{ChargebackOptions.SectionName}:BudgetAlertThresholds must be shares above 0 and at most 10 (e.g. 0.8, 1.0).");
        }

        if (options.GaugeRefreshInterval < TimeSpan.FromMilliseconds(100) || options.GaugeRefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{ChargebackOptions.SectionName}:GaugeRefreshInterval must be between 100 ms and one day.");
        }

        if (options.MaxMonths is < 1 or > 120)
        {
            failures.Add($"{ChargebackOptions.SectionName}:MaxMonths must be between 1 and 120.");
        }

        var savings = options.Savings;
        foreach (var (dimension, cost) in savings.DedicatedUnitCost)
        {
            if (cost < 0m)
            {
                failures.Add($"{ChargebackOptions.SectionName}:Savings:DedicatedUnitCost:{dimension} must not be negative.");
            }
        }

        if (savings.DedicatedUnitCost.Values.All(c => c == 0m))
        {
            failures.Add($"{ChargebackOptions.SectionName}:Savings:DedicatedUnitCost must price at least one dimension.");
        }

        if (savings.HardwareLifeYears is < 1 or > 30)
        {
            failures.Add($"{ChargebackOptions.SectionName}:Savings:HardwareLifeYears must be between 1 and 30.");
        }

        if (savings.UnregisteredSystemTier is < 1 or > 3)
        {
            failures.Add($"{ChargebackOptions.SectionName}:Savings:UnregisteredSystemTier must be 1, 2 or 3.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
