using System.Text.RegularExpressions;
using Broker.Silo.Quotas;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Capacity;

/// <summary>Reports every problem in the pools and the policy at once, at start.</summary>
public sealed partial class CapacityOptionsValidator(IOptions<QuotaOptions> quota, IServiceProviderIsService registered) : IValidateOptions<CapacityOptions>
{
    private const string Section = CapacityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CapacityOptions options)
    {
        var failures = new List<string>();
        var dimensions = quota.Value.Dimensions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (options.WhenFull is not (CapacityOptions.Refuse or CapacityOptions.Queue))
        {
            failures.Add($"{Section}:WhenFull must be '{CapacityOptions.Refuse}' or '{CapacityOptions.Queue}', not '{options.WhenFull}'.");
        }

        if (options.HeadroomAlertRatio is <= 0 or >= 1)
        {
            failures.Add($"{Section}:HeadroomAlertRatio must be between 0 and 1 (exclusive).");
        }

        if (options.ForecastDays is < 2 or > 366 || options.NodeRefreshInterval <= TimeSpan.Zero || options.OrphanGrace <= TimeSpan.Zero)
        {
            failures.Add($"{Section}: ForecastDays must be 2 to 366, NodeRefreshInterval and OrphanGrace positive.");
        }

        if (options.Pools.Any(p => p.FromKubernetesNodes) && string.IsNullOrWhiteSpace(options.PoolLabel))
        {
            failures.Add($"{Section}:PoolLabel is required when a pool is read from Kubernetes nodes.");
        }

        for (var i = 0; i < options.Pools.Count; i++)
        {
            var pool = options.Pools[i];
            var at = $"{Section}:Pools:{i}";
            if (!PoolName().IsMatch(pool.Name))
            {
                failures.Add($"{at}:Name '{pool.Name}' must be a lower-case DNS label (at most 63 characters).");
            }

            if (pool.Zones.Count == 0 || pool.Zones.Any(z => !CapacityOptions.Zones.Contains(z, StringComparer.Ordinal)))
            {
                failures.Add($"{at}:Zones must name at least one of {string.Join(", ", CapacityOptions.Zones)}.");
            }

            if (string.IsNullOrWhiteSpace(pool.Backend))
            {
                failures.Add($"{at}:Backend is required.");
            }

            if (pool.FromKubernetesNodes && !registered.IsService(typeof(IKubernetes)))
            {
                failures.Add($"{at}:FromKubernetesNodes needs a Kubernetes client, and none is registered.");
            }

            if (!pool.FromKubernetesNodes && pool.Physical.Count == 0)
            {
                failures.Add($"{at}:Physical needs at least one dimension (or FromKubernetesNodes).");
            }

            failures.AddRange(pool.Physical.Where(p => p.Value <= 0).Select(p => $"{at}:Physical:{p.Key} must be positive."));
            failures.AddRange(pool.Physical.Keys.Concat(pool.Overcommit.Keys).Distinct(StringComparer.Ordinal)
                .Where(d => !dimensions.Contains(d)).Select(d => $"{at}: '{d}' is not a configured quota dimension."));
            failures.AddRange(pool.Overcommit.Where(o => o.Value is < 1 or > 64 || double.IsNaN(o.Value))
                .Select(o => $"{at}:Overcommit:{o.Key} must be between 1 and 64."));
        }

        failures.AddRange(options.Pools.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{Section}:Pools: '{g.Key}' is listed twice."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex PoolName();
}
