using Broker.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Silo.Tests.Hosting;

/// <summary>An API process started before its silos waits for a gateway, for a bounded time.</summary>
public sealed class GatewayConnectRetryTests
{
    [Fact]
    public async Task A_failed_first_connection_is_retried_after_a_pause_until_the_timeout_then_given_up()
    {
        var time = new FakeTimeProvider();
        var retry = new GatewayConnectRetry(TimeSpan.FromSeconds(5), time, NullLogger<GatewayConnectRetry>.Instance);
        var failure = new SiloUnavailableException("no gateway");

        var first = retry.ShouldRetryConnectionAttempt(failure, CancellationToken.None);
        Assert.False(first.IsCompleted); // it pauses before the next attempt
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await first);

        var second = retry.ShouldRetryConnectionAttempt(failure, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await second);

        // 4 s since the first failure: another pause would end past the 5 s allowed.
        Assert.False(await retry.ShouldRetryConnectionAttempt(failure, CancellationToken.None));
    }
}
