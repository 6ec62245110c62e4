using Broker.Api.Http.RateLimiting;

namespace Broker.Api.Tests.Http;

public sealed class RateLimitOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
    }

    [Fact]
    public void Every_bad_bucket_is_reported_at_once()
    {
        var options = new RateLimitOptions();
        options.Writes.Department.Burst = 0;
        options.Writes.Subject.TokensPerPeriod = options.Writes.Subject.Burst + 1;
        options.ExpensiveReads.Subject.Period = TimeSpan.Zero;

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Broker:RateLimits:Writes:Department", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Broker:RateLimits:Writes:Subject", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Broker:RateLimits:ExpensiveReads:Subject:Period", StringComparison.Ordinal));
    }
}
