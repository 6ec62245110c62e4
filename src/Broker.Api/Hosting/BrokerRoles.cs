using Broker.Silo.Hosting;

namespace Broker.Api.Hosting;

/// <summary>
/// Reads <c>Broker:Role</c>. The role decides what is composed at all, so it is read before the container exists and a
/// wrong value stops the start at once, with the accepted values in the message.
/// </summary>
public static class BrokerRoles
{
    public const string ConfigurationKey = "Broker:Role";

    /// <summary>The setting that <c>Broker:Role</c> replaced (cohosted is now <c>all</c>, client is now <c>api</c>).</summary>
    public const string RetiredModeKey = $"{BrokerOrleansOptions.SectionName}:Mode";

    public static BrokerRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => BrokerRole.All,
        "silo" => BrokerRole.Silo,
        "api" => BrokerRole.Api,
        _ => throw new InvalidOperationException($"{ConfigurationKey} must be 'all', 'silo' or 'api' (was '{value}')."),
    };

    /// <summary>The role configured; a leftover <c>Broker:Orleans:Mode</c> is refused rather than silently ignored.</summary>
    public static BrokerRole From(IConfiguration configuration)
    {
        if (configuration[RetiredModeKey] is { } mode)
        {
            throw new InvalidOperationException(
                $"{RetiredModeKey} ('{mode}') was replaced by {ConfigurationKey}: cohosted is 'all', client is 'api'; remove it.");
        }

        return Parse(configuration[ConfigurationKey]);
    }

    public static bool HostsGrains(this BrokerRole role) => role is BrokerRole.All or BrokerRole.Silo;

    public static bool ServesApi(this BrokerRole role) => role is BrokerRole.All or BrokerRole.Api;
}
