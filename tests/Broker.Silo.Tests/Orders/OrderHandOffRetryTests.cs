using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Orders;

/// <summary>
/// A hand-off that fails for a moment (a grain it calls was on a silo that is gone) is taken up again by the order's
/// own activation within seconds; nothing here runs the order sweeper, whose tick is ten minutes away.
/// </summary>
public sealed class OrderHandOffRetryTests(OrderSilo silo) : IClassFixture<OrderSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_order_whose_hand_off_failed_creates_its_resources_without_waiting_for_the_sweeper()
    {
        var code = await silo.DepartmentAsync();
        var id = OrderSilo.NewOrderId();
        silo.Faults.FailResourceCreation(id, times: 2);

        var placed = await silo.Grains.GetOrder(new OrderKey(code, id)).PlaceAsync(OrderSilo.Vms(1), OrderSilo.Member);

        Assert.Null(placed.Error);
        await Eventually(async () => await silo.CountAsync("select count(*) from broker.orders where id = @id and settled", ("id", id)) == 1, Deadline);
        Assert.Equal(1, await silo.CountAsync("select count(*) from broker.resources where order_id = @id", ("id", id)));
        Assert.Equal(2, silo.Faults.Failed);
    }
}
