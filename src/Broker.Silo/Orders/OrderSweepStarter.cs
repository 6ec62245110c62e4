using Broker.Contracts.Orders;
using Microsoft.Extensions.Hosting;

namespace Broker.Silo.Orders;

/// <summary>
/// Registers the order sweeper's reminder once the silo has started (register after <c>UseOrleans</c>, as hosted
/// services start in order). Idempotent: every silo of a cluster does it at start, and the reminder stays one row.
/// Then it resumes at once what a crash left between an order's decision and its hand-off, so a restart finishes those
/// orders now rather than at the sweeper's next tick.
/// </summary>
public sealed class OrderSweepStarter(IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sweeper = grains.GetGrain<IOrderSweeperGrain>(0);
        await sweeper.StartAsync().WaitAsync(cancellationToken);
        await sweeper.ResumeAsync().WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
