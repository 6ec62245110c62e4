using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Quotas;

/// <summary>Reports every problem in the quota configuration at once, at start.</summary>
public sealed partial class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var failures = new List<string>();
        var names = options.Dimensions.Select(d => d.Name).ToList();
        foreach (var dimension in options.Dimensions)
        {
            if (!DimensionName().IsMatch(dimension.Name))
            {
                failures.Add($"{QuotaOptions.SectionName}:Dimensions: '{dimension.Name}' must match {DimensionName()}.");
            }

            if (string.IsNullOrWhiteSpace(dimension.NameZh) || string.IsNullOrWhiteSpace(dimension.NameEn) || string.IsNullOrWhiteSpace(dimension.Unit))
            {
                failures.Add($"{QuotaOptions.SectionName}:Dimensions: '{dimension.Name}' needs Unit, NameZh and NameEn.");
            }
        }

        failures.AddRange(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{QuotaOptions.SectionName}:Dimensions: '{g.Key}' is listed twice."));
        failures.AddRange(QuotaOptions.RequiredDimensions.Except(names, StringComparer.Ordinal)
            .Select(d => $"{QuotaOptions.SectionName}:Dimensions: required dimension '{d}' is missing."));

        if (options.MaxAmount <= 0 || options.MaxAmount > long.MaxValue / 1024)
        {
            failures.Add($"{QuotaOptions.SectionName}:MaxAmount must be positive and leave room for sums.");
        }

        if (options.DefaultReservationTtl <= TimeSpan.Zero || options.DefaultReservationTtl > options.MaxReservationTtl)
        {
            failures.Add($"{QuotaOptions.SectionName}:DefaultReservationTtl must be positive and at most MaxReservationTtl.");
        }

        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayMaxEntries <= 0)
        {
            failures.Add($"{QuotaOptions.SectionName}:ReplayWindow and ReplayMaxEntries must be positive.");
        }

        if (options.SnapshotEvery <= 0 || options.ExpirySweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{QuotaOptions.SectionName}:SnapshotEvery and ExpirySweepInterval must be positive.");
        }

        if (options.DriftGrace <= TimeSpan.Zero)
        {
            failures.Add($"{QuotaOptions.SectionName}:DriftGrace must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}\\z")]
    private static partial Regex DimensionName();
}
