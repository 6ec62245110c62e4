using Broker.Contracts.Resources;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Resources;

/// <summary>
/// After the silo starts, makes sure the resource sweeper exists (its activation registers its reminder) and sweeps
/// once at once, so work a crash interrupted resumes now instead of at the sweeper's next tick. The sweeper's
/// reminder remains the guarantee; this only shortens the wait. Then it visits the live resources created on a backend
/// this silo does not configure: their grains record them failed (<see cref="BackendRules"/>) now, rather than whenever
/// someone next touches them, so that the directory, the console and metering stop showing them as running.
/// </summary>
public sealed partial class ResumeWorkService(
    IGrainFactory grains, ResourceDirectory directory, ProvisionerSelector provisioners, ILogger<ResumeWorkService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key).SweepAsync().WaitAsync(cancellationToken);
            var stranded = await directory.OnOtherBackendsAsync(provisioners.Configured, cancellationToken);
            await BoundedVisits.RunAsync(
                stranded, ResourceSweeperGrain.Parallelism,
                id => grains.GetGrain<IResourceGrain>(id).ReconcileAsync().WaitAsync(cancellationToken),
                (id, ex) => LogVisitFailed(logger, ex, id));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only a shortcut, so it must not stop the silo: a silo restarted while another one dies (the churn drill
            // caught it) had its first sweep sent to the dead silo, failed its start and left the cluster a member short.
            LogStartPassFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up sweep failed; the resource sweeper's reminder resumes the work instead")]
    private static partial void LogStartPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark resource {ResourceId}, on a backend that is not configured, failed at start; its next activation does")]
    private static partial void LogVisitFailed(ILogger logger, Exception exception, string resourceId);
}
