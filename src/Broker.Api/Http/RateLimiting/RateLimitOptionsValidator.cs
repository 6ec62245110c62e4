using Microsoft.Extensions.Options;

namespace Broker.Api.Http.RateLimiting;

/// <summary>Checks every bucket at start and reports every failure at once.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(failures, "Writes:Department", options.Writes?.Department);
        Check(failures, "Writes:Subject", options.Writes?.Subject);
        Check(failures, "ExpensiveReads:Department", options.ExpensiveReads?.Department);
        Check(failures, "ExpensiveReads:Subject", options.ExpensiveReads?.Subject);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string path, RateLimitRule? rule)
    {
        var key = $"{RateLimitOptions.SectionName}:{path}";
        if (rule is null)
        {
            failures.Add($"{key} is required.");
            return;
        }

        if (rule.Burst < 1 || rule.TokensPerPeriod < 1 || rule.TokensPerPeriod > rule.Burst)
        {
            failures.Add($"{key}: Burst and TokensPerPeriod must be positive, and TokensPerPeriod at most Burst.");
        }

        if (rule.Period < TimeSpan.FromMilliseconds(10) || rule.Period > TimeSpan.FromHours(1))
        {
            failures.Add($"{key}:Period must be between 10 ms and 1 hour.");
        }
    }
}
