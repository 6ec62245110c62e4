using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>Reports every problem in the shared PostgreSQL configuration at once, at start.</summary>
public sealed partial class SharedPostgresOptionsValidator : IValidateOptions<SharedPostgresOptions>
{
    /// <summary>Leaves at least 47 of PostgreSQL's 63 identifier bytes for the readable part of a name.</summary>
    public const int MaxNamePrefixLength = 16;

    /// <summary>For provisioners built without the DI extension: the same checks, thrown as <see cref="OptionsValidationException"/>.</summary>
    public static void ThrowIfInvalid(SharedPostgresOptions options)
    {
        var result = new SharedPostgresOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SharedPostgresOptions), result.Failures);
        }
    }

    public ValidateOptionsResult Validate(string? name, SharedPostgresOptions options)
    {
        const string Section = SharedPostgresOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AdminConnectionString))
        {
            failures.Add($"{Section}:AdminConnectionString is required.");
        }
        else if (!HasHost(options.AdminConnectionString))
        {
            // Never echo the value: it carries the admin password.
            failures.Add($"{Section}:AdminConnectionString is not a valid PostgreSQL connection string with a Host.");
        }

        if (!HostName().IsMatch(options.AdvertisedHost ?? string.Empty))
        {
            failures.Add($"{Section}:AdvertisedHost '{options.AdvertisedHost}' must be a host name or IP address.");
        }

        if (options.AdvertisedPort is < 1 or > 65535)
        {
            failures.Add($"{Section}:AdvertisedPort must be between 1 and 65535.");
        }

        if (!NamePrefix().IsMatch(options.NamePrefix ?? string.Empty))
        {
            failures.Add($"{Section}:NamePrefix '{options.NamePrefix}' must match {NamePrefix()}.");
        }

        if (options.StatementTimeout < TimeSpan.FromSeconds(1) || options.StatementTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:StatementTimeout must be between 1 second and 1 day.");
        }

        if (options.TempFileLimitMib is < 1 or > 1024 * 1024)
        {
            failures.Add($"{Section}:TempFileLimitMib must be between 1 and 1048576 (1 TiB).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool HasHost(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // A DNS name, an IPv4 address or a bare IPv6 address; nothing that could smuggle more into a connection string.
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.:-]{0,251}[A-Za-z0-9])?\\z")]
    private static partial Regex HostName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,15}\\z")]
    private static partial Regex NamePrefix();
}
