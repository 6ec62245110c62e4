using Broker.Contracts.Resources;
using Microsoft.Extensions.Hosting;

namespace Broker.Silo.Resources;

/// <summary>
/// After the silo starts, wakes every resource whose work a crash may have interrupted, so it converges at once
/// instead of at its next reminder tick. Reminders remain the guarantee; this only shortens the wait.
/// </summary>
public sealed class ResumeWorkService(ResourceDirectory directory, IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await directory.UnfinishedAsync(cancellationToken))
        {
            await grains.GetGrain<IResourceGrain>(id).ReconcileAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
