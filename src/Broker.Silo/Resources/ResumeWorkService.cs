using Broker.Contracts.Resources;
using Microsoft.Extensions.Hosting;

namespace Broker.Silo.Resources;

/// <summary>
/// After the silo starts, makes sure the resource sweeper exists (its activation registers its reminder) and sweeps
/// once at once, so work a crash interrupted resumes now instead of at the sweeper's next tick. The sweeper's
/// reminder remains the guarantee; this only shortens the wait.
/// </summary>
public sealed class ResumeWorkService(IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key).SweepAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
