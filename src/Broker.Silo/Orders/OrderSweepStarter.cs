using Broker.Contracts.Orders;
using Microsoft.Extensions.Hosting;

namespace Broker.Silo.Orders;

/// <summary>
/// Registers the order sweeper's reminder once the silo has started (register after <c>UseOrleans</c>, as hosted
/// services start in order). Idempotent: every silo of a cluster does it at start, and the reminder stays one row.
/// </summary>
public sealed class OrderSweepStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IOrderSweeperGrain>(0).StartAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
