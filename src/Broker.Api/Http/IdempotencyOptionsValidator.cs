using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>Checks the idempotency window and purge at start, reporting every failure at once.</summary>
public sealed class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>
{
    public ValidateOptionsResult Validate(string? name, IdempotencyOptions options)
    {
        var failures = new List<string>();
        if (options.Window < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:Window must be at least one minute (clients retry for a while).");
        }

        if (options.PurgeEvery < TimeSpan.FromSeconds(1) || options.PurgeEvery > TimeSpan.FromDays(1))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:PurgeEvery must be between 1 second and 1 day.");
        }

        if (options.PurgeBatch is < 1 or > 1_000_000)
        {
            failures.Add($"{IdempotencyOptions.SectionName}:PurgeBatch must be between 1 and 1,000,000.");
        }

        if (options.LookupTimeout < TimeSpan.FromMilliseconds(100) || options.LookupTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:LookupTimeout must be between 100 milliseconds and 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
