using System.Collections.Concurrent;
using Broker.Contracts.Resources;

namespace Broker.Silo.Tests.Orders;

/// <summary>
/// Makes the hand-off of chosen orders fail for a while, as it does when a grain it calls was on a silo that is gone:
/// the first <c>times</c> creations of each of the order's resources throw a <see cref="TimeoutException"/> (a transient
/// failure, not one that compensates the order). Registered on <see cref="OrderSilo"/>'s silo; does nothing for other orders.
/// </summary>
public sealed class HandOffFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _remaining = new(StringComparer.Ordinal);
    private int _failed;

    /// <summary>How many creations were refused so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public void FailResourceCreation(string orderId, int times) => _remaining[orderId] = times;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IResourceGrain.CreateAsync)
            && context.Request.GetArgument(0) is ResourceCreation creation
            && _remaining.TryGetValue(creation.OrderId, out var left) && left > 0
            && _remaining.TryUpdate(creation.OrderId, left - 1, left))
        {
            Interlocked.Increment(ref _failed);
            throw new TimeoutException($"resource creation for order {creation.OrderId} refused by the test");
        }

        return context.Invoke();
    }
}
