using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>Reports every bad provisioning setting at start, not the first one.</summary>
public sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    // A lease horizon past this would let warning and grace arithmetic near the end of the calendar.
    private static readonly TimeSpan LongestLeaseHorizon = TimeSpan.FromDays(100 * 366);

    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        if (options.MaxLeaseAhead <= TimeSpan.Zero || options.MaxLeaseAhead > LongestLeaseHorizon)
        {
            failures.Add($"{ProvisioningOptions.SectionName}:MaxLeaseAhead must be positive and at most 100 years.");
        }

        if (options.OrderSettleAttempts < 1)
        {
            failures.Add($"{ProvisioningOptions.SectionName}:OrderSettleAttempts must be at least 1.");
        }

        if (options.LeaseWarning < TimeSpan.Zero || options.LeaseGrace < TimeSpan.Zero)
        {
            failures.Add($"{ProvisioningOptions.SectionName}:LeaseWarning and LeaseGrace cannot be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
