using Broker.Silo.Orders;

namespace Broker.Silo.Tests.Orders;

public sealed class OrderHandOffRetryTests
{
    [Fact]
    public void A_deferred_hand_off_is_tried_again_within_a_minute_and_then_left_to_the_sweeper()
    {
        var waits = Enumerable.Range(1, 7).Select(OrderHandOff.RetryAfter).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30], waits.Take(6).Select(w => w!.Value.TotalSeconds));
        Assert.Null(waits[6]);
        Assert.Null(OrderHandOff.RetryAfter(0));
    }
}
