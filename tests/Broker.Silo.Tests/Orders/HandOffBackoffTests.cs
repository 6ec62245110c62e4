using Broker.Silo.Orders;

namespace Broker.Silo.Tests.Orders;

/// <summary>When an order's activation tries its hand-off again after a failure.</summary>
public sealed class HandOffBackoffTests
{
    [Fact]
    public void The_wait_starts_at_a_second_and_doubles_up_to_thirty_seconds()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 7).Select(f => HandOffBackoff.After(f)!.Value.TotalSeconds));
    }

    [Fact]
    public void After_the_last_attempt_the_sweeper_is_left_to_it()
    {
        Assert.NotNull(HandOffBackoff.After(HandOffBackoff.Attempts));
        Assert.Null(HandOffBackoff.After(HandOffBackoff.Attempts + 1));
        Assert.Null(HandOffBackoff.After(0));
    }
}
