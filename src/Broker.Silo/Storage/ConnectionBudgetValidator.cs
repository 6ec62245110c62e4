using Microsoft.Extensions.Options;

namespace Broker.Silo.Storage;

/// <summary>Checks the connection budget at start, reporting every failure at once.</summary>
public sealed class ConnectionBudgetValidator : IValidateOptions<ConnectionBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionBudgetOptions options)
    {
        var section = ConnectionBudgetOptions.SectionName;
        var failures = new List<string>();
        if (options.Broker < 1 || options.Orleans < 1 || options.SharedPostgres < 1)
        {
            failures.Add($"{section}:Broker, Orleans and SharedPostgres must each be at least 1.");
        }

        if (options.Processes < 1 || options.Reserve < 0 || options.ServerMaxConnections < 1)
        {
            failures.Add($"{section}:Processes and ServerMaxConnections must be positive and Reserve not negative.");
        }

        var available = options.ServerMaxConnections - options.Reserve;
        if ((long)options.Processes * options.PerProcess > available)
        {
            failures.Add($"{section}: Processes ({options.Processes}) x (Broker {options.Broker} + Orleans {options.Orleans} + SharedPostgres " +
                $"{options.SharedPostgres}) exceeds ServerMaxConnections ({options.ServerMaxConnections}) - Reserve ({options.Reserve}) = {available}.");
        }

        if (options.AcquireTimeout < TimeSpan.FromSeconds(1) || options.AcquireTimeout > TimeSpan.FromSeconds(1024))
        {
            failures.Add($"{section}:AcquireTimeout must be between 1 and 1024 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
