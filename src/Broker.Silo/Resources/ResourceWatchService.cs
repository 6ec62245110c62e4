using Broker.Silo.Audit;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Broker.Silo.Resources;

/// <summary>
/// Runs the Kubernetes resource watch (<see cref="Broker.Provisioners.Kubernetes.ResourceWatch"/>) on one silo of the
/// cluster while it is active, when a cluster is configured and <c>...:Kubernetes:Watch:Enabled</c>: the oldest active
/// silo (<see cref="WatchLeadership"/>), handing over when membership changes.
/// </summary>
public sealed partial class ResourceWatchService(
    ProvisionerSelector provisioners,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    LiveResources live,
    AuditLog audit,
    BrokerClock time,
    ILoggerFactory loggers) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ILogger logger = loggers.CreateLogger<ResourceWatchService>();
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ResourceWatchService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (provisioners.Kubernetes is { Options.Watch.Enabled: true })
        {
            running = Task.Run(() => LeadAsync(stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    /// <summary>Watches while this silo leads; stops when another takes over; follows every membership change.</summary>
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? watching = null;
        Task watch = Task.CompletedTask;
        try
        {
            var snapshot = membership.CurrentSnapshot;
            await using var updates = membership.MembershipUpdates.GetAsyncEnumerator(cancellationToken);
            do
            {
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
                var leads = WatchLeadership.Leads(silo.SiloAddress, active);
                if (leads && watching is null)
                {
                    watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    watch = WatchAsync(watching.Token);
                    LogLeading(logger, silo.SiloAddress.ToString());
                }
                else if (!leads && watching is not null)
                {
                    await watching.CancelAsync();
                    await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    watching.Dispose();
                    watching = null;
                }

                if (!await updates.MoveNextAsync())
                {
                    break;
                }

                snapshot = updates.Current;
            }
            while (true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stops.
        }
        finally
        {
            if (watching is not null)
            {
                await watching.CancelAsync();
                await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                watching.Dispose();
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var kubernetes = provisioners.Kubernetes!;
        var repairs = new WatchDriftRepairs(grains, live, audit, time, kubernetes.Name, loggers.CreateLogger<WatchDriftRepairs>());
        var watch = kubernetes.CreateWatch(repairs, TimeProvider.System, loggers.CreateLogger<Broker.Provisioners.Kubernetes.ResourceWatch>());
        try
        {
            await Task.WhenAll(repairs.RunAsync(kubernetes.Options.Watch.Parallelism, cancellationToken), watch.RunAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Handed over, or the silo stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} runs the Kubernetes resource watch")]
    private static partial void LogLeading(ILogger logger, string silo);
}
