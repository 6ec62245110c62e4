using Broker.Contracts.Orders;
using Broker.Contracts.Systems;

namespace Broker.Contracts.Common;

/// <summary>The grains keyed by a composite key, reached by that key's type rather than by a formatted string.</summary>
public static class GrainKeys
{
    public static IOrderGrain GetOrder(this IGrainFactory grains, OrderKey key) => grains.GetGrain<IOrderGrain>(key.ToString());

    public static ISystemGrain GetSystem(this IGrainFactory grains, SystemKey key) => grains.GetGrain<ISystemGrain>(key.ToString());
}
