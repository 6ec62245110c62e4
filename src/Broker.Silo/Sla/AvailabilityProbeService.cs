using Broker.Silo.Resources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Broker.Silo.Sla;

/// <summary>
/// Runs <see cref="AvailabilityProbe"/> every <see cref="SlaOptions.ProbePeriod"/> on the oldest active silo
/// (<see cref="WatchLeadership"/>), so that a cluster of silos probes each resource once per period, not once per silo.
/// While membership changes two silos may both probe; they record the same changes, which the fold reads once.
/// </summary>
public sealed partial class AvailabilityProbeService(
    AvailabilityProbe probe,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<SlaOptions> options,
    ILogger<AvailabilityProbeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time: the cadence is operational; the verdicts are stamped with business time by the probe.
        using var timer = new PeriodicTimer(options.Value.ProbePeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
            if (!WatchLeadership.Leads(silo.SiloAddress, active))
            {
                continue;
            }

            try
            {
                await probe.ProbeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The broker's own database away: the next period tries again; nothing was recorded.
                LogProbeFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The availability probe round failed; the next period tries again")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}
