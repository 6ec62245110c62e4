using Broker.Silo.Systems;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Metering;

/// <summary>Reports every bad metering setting at start, not the first one.</summary>
public sealed class MeteringOptionsValidator : IValidateOptions<MeteringOptions>
{
    public ValidateOptionsResult Validate(string? name, MeteringOptions options)
    {
        var failures = new List<string>();
        if (options.RelayInterval <= TimeSpan.Zero)
        {
            failures.Add("Broker:Metering:RelayInterval must be positive.");
        }

        if (options.RelayBatchSize is < 1 or > 100_000)
        {
            failures.Add("Broker:Metering:RelayBatchSize must be between 1 and 100000.");
        }

        if (options.OpenStatementMaxAge < TimeSpan.Zero || options.OpenStatementMaxAge > TimeSpan.FromHours(1))
        {
            failures.Add("Broker:Metering:OpenStatementMaxAge must be between 0 (no cache) and 1 hour.");
        }

        if (options.OpenStatementCacheEntries is < 1 or > 1_000_000)
        {
            failures.Add("Broker:Metering:OpenStatementCacheEntries must be between 1 and 1000000.");
        }

        if (options.RelayLookBack < TimeSpan.Zero)
        {
            failures.Add("Broker:Metering:RelayLookBack cannot be negative.");
        }

        var om = options.OmFee;
        foreach (var tier in new[] { 1, 2, 3 })
        {
            var (min, max) = OmFeeRates.ForTier(tier);
            if (!om.BaseRate.TryGetValue(tier.ToString(System.Globalization.CultureInfo.InvariantCulture), out var rate) || rate < min || rate > max)
            {
                failures.Add($"Broker:Metering:OmFee:BaseRate:{tier} must be within the tier's range {min}-{max}.");
            }
        }

        foreach (var (factor, levels) in new[] { ("Importance", om.Importance), ("ServiceHours", om.ServiceHours), ("DataScale", om.DataScale), ("TransactionScale", om.TransactionScale) })
        {
            if (levels.Count == 0 || levels.Values.Any(v => v <= 0))
            {
                failures.Add($"Broker:Metering:OmFee:{factor} needs at least one level, every factor positive.");
            }
        }

        if (om.HardwareShare < 0 || om.CommercialSoftwareShare < 0 || om.ApplicationSoftwareShare < 0
            || om.HardwareShare + om.CommercialSoftwareShare + om.ApplicationSoftwareShare != 1m)
        {
            failures.Add("Broker:Metering:OmFee shares (hardware, commercial software, application software) must be non-negative and add up to 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
