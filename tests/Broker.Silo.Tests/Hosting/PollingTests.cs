using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Hosting;

/// <summary>The suite's one bounded poll: it waits for a condition that becomes true and says what it waited for when one never does.</summary>
public sealed class PollingTests
{
    [Fact]
    public async Task Eventually_completes_once_the_condition_becomes_true()
    {
        var reads = 0;
        await Eventually(() => ++reads >= 3, TimeSpan.FromSeconds(30));
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task Eventually_returns_the_first_value_read_that_satisfies_the_condition()
    {
        var reads = 0;
        var value = await Eventually(() => Task.FromResult(++reads), read => read >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, value);
    }

    [Fact]
    public async Task Eventually_fails_with_a_timeout_naming_the_condition_and_the_last_value_when_it_never_holds()
    {
        var flag = false;
        var never = await Assert.ThrowsAsync<TimeoutException>(() => Eventually(() => flag, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("() => flag", never.Message, StringComparison.Ordinal);

        var stuck = await Assert.ThrowsAsync<TimeoutException>(() => Eventually(() => Task.FromResult("pending"), state => state == "ready", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("state => state == \"ready\"", stuck.Message, StringComparison.Ordinal);
        Assert.Contains("last read: pending", stuck.Message, StringComparison.Ordinal);
    }
}
