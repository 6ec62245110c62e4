using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Simulated;

/// <summary>Reports every problem in the simulated machine room's configuration at once, at start.</summary>
public sealed partial class SimulatedMachineRoomOptionsValidator : IValidateOptions<SimulatedMachineRoomOptions>
{
    /// <summary>Keeps a host name (group name plus <c>-nnnn</c>) a valid DNS label and sums far from overflow.</summary>
    public const int MaxHostsPerGroup = 9_999;

    /// <summary>For rooms built without the DI extension: the same checks, thrown as <see cref="OptionsValidationException"/>.</summary>
    public static void ThrowIfInvalid(SimulatedMachineRoomOptions options)
    {
        var result = new SimulatedMachineRoomOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SimulatedMachineRoomOptions), result.Failures);
        }
    }

    public ValidateOptionsResult Validate(string? name, SimulatedMachineRoomOptions options)
    {
        const string Section = SimulatedMachineRoomOptions.SectionName;
        var failures = new List<string>();
        if (options.HostGroups.Count == 0)
        {
            failures.Add($"{Section}:HostGroups must list at least one host group.");
        }

        for (var i = 0; i < options.HostGroups.Count; i++)
        {
            var group = options.HostGroups[i];
            var at = $"{Section}:HostGroups:{i}";
            if (!GroupName().IsMatch(group.Name))
            {
                failures.Add($"{at}:Name '{group.Name}' must match {GroupName()}.");
            }

            if (group.Count is < 1 or > MaxHostsPerGroup)
            {
                failures.Add($"{at}:Count must be between 1 and {MaxHostsPerGroup}.");
            }

            if (group.Vcpu <= 0 || group.MemoryGib <= 0 || group.StorageGib <= 0)
            {
                failures.Add($"{at}: Vcpu, MemoryGib and StorageGib must be positive.");
            }

            // NaN fails both comparisons, so it is refused too.
            if (!(group.CpuOvercommit >= 1.0 && group.CpuOvercommit <= 64.0))
            {
                failures.Add($"{at}:CpuOvercommit must be between 1 and 64.");
            }
        }

        failures.AddRange(options.HostGroups.GroupBy(g => g.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{Section}:HostGroups: group name '{g.Key}' is listed twice."));

        if (options.ProvisioningDelay < TimeSpan.Zero || options.ProvisioningDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:ProvisioningDelay must be between zero and one day.");
        }

        if (!(options.FailureRate >= 0.0 && options.FailureRate <= 1.0))
        {
            failures.Add($"{Section}:FailureRate must be between 0 and 1.");
        }

        var targets = options.HostGroups.SelectMany(g => Enumerable.Range(1, Math.Clamp(g.Count, 0, MaxHostsPerGroup)).Select(i => $"{g.Name}-{i:D2}").Prepend(g.Name))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Outages.Count; i++)
        {
            var outage = options.Outages[i];
            if (!targets.Contains(outage.Target))
            {
                failures.Add($"{Section}:Outages:{i}:Target '{outage.Target}' must name a host (e.g. general-01) or a host group of the room.");
            }

            if (outage.Duration <= TimeSpan.Zero || outage.Duration > TimeSpan.FromDays(31))
            {
                failures.Add($"{Section}:Outages:{i}:Duration must be positive and at most 31 days.");
            }
        }

        if (!(options.RandomOutages.ChancePerHostPerDay >= 0.0 && options.RandomOutages.ChancePerHostPerDay <= 1.0))
        {
            failures.Add($"{Section}:RandomOutages:ChancePerHostPerDay must be between 0 and 1.");
        }

        if (options.RandomOutages.Duration < TimeSpan.FromMinutes(1) || options.RandomOutages.Duration > TimeSpan.FromHours(12))
        {
            failures.Add($"{Section}:RandomOutages:Duration must be between 1 minute and 12 hours.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,40}[a-z0-9])?\\z")]
    private static partial Regex GroupName();
}
