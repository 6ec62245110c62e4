using System.Text.Json.Nodes;
using Broker.Contracts.Orders;
using Broker.Contracts.Resources;
using Broker.Silo.Orders;
using Microsoft.Extensions.DependencyInjection;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Orders;

/// <summary>
/// An order answers once its decision is durable; its resources are created right after, off the request path. Tests
/// that go on to use the resources wait for them here, with the suite's one bounded poll.
/// </summary>
public static class HandOffs
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The order as answered, once its hand-off is done: every one of its resources exists and, decided, the order is
    /// settled (an order waiting for capacity has no resources yet and is returned at once).
    /// </summary>
    public static async Task<JsonNode> HandedOff(this Task<JsonNode> placed, IServiceProvider broker)
    {
        var order = await placed;
        await WaitAsync(broker, order);
        return order;
    }

    /// <summary>Waits until every resource of <paramref name="order"/> (an order as the API shows it) exists; <paramref name="broker"/>: the host's services.</summary>
    public static async Task WaitAsync(IServiceProvider broker, JsonNode order)
    {
        if (order["resourceIds"] is not JsonArray ids || order["waitingForCapacity"]?.GetValue<bool>() == true)
        {
            return;
        }

        var grains = broker.GetRequiredService<IGrainFactory>();
        var store = broker.GetRequiredService<OrderStore>();
        var (department, id) = ((string)order["department"]!, (string)order["id"]!);
        await Eventually(
            async () => (await Task.WhenAll(ids.Select(r => grains.GetGrain<IResourceGrain>((string)r!).GetAsync()))).All(r => r is not null)
                && (await store.LoadAsync(department, id)).Data is { } row && (row.Settled || row.State == OrderState.PendingApproval),
            Deadline);
    }
}
