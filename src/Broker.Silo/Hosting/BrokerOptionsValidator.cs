using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Silo.Hosting;

/// <summary>Checks the storage and cluster settings at start, reporting every failure at once.</summary>
public sealed class BrokerOptionsValidator : IValidateOptions<StorageOptions>, IValidateOptions<BrokerOrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{StorageOptions.ConnectionStringName} is required (a PostgreSQL connection string).");
        }

        if (options.StartupWait < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Broker:Storage:StartupWait must not be negative.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not a valid connection string: {ex.Message}");
        }
    }

    public ValidateOptionsResult Validate(string? name, BrokerOrleansOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{BrokerOrleansOptions.SectionName}:ClusterId and ServiceId are required.");
        }

        if (options.SiloPort is <= 0 or > 65535 || options.GatewayPort is <= 0 or > 65535)
        {
            failures.Add($"{BrokerOrleansOptions.SectionName}:SiloPort and GatewayPort must be TCP ports.");
        }

        if (!AdvertisedAddress.IsAuto(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{BrokerOrleansOptions.SectionName}:AdvertisedAddress must be an IP address or '{AdvertisedAddress.Auto}'.");
        }

        if (options.GatewayListRefreshPeriod <= TimeSpan.Zero || options.ResponseTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{BrokerOrleansOptions.SectionName}:GatewayListRefreshPeriod, ResponseTimeout and ConnectTimeout must be positive.");
        }

        if (options.Tls.Enabled)
        {
            var missing = new[] { ClusterTlsOptions.CertificateFile, ClusterTlsOptions.KeyFile, ClusterTlsOptions.AuthorityFile }
                .Where(f => !File.Exists(Path.Combine(options.Tls.Directory!, f))).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{BrokerOrleansOptions.SectionName}:Tls:Directory '{options.Tls.Directory}' lacks {string.Join(", ", missing)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
