using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Broker.Silo.Sla;

/// <summary>
/// Recomputes the current month's attainment gauges every <see cref="SlaOptions.GaugeRefreshInterval"/>, per department
/// and tier. Scrapes read the last values: measuring a month per scrape would let the scraper set the database's load.
/// </summary>
public sealed partial class SlaGaugeService(
    AttainmentSource attainment,
    BrokerClock clock,
    IOptions<SlaOptions> options,
    ILogger<SlaGaugeService> logger) : BackgroundService
{
    private static readonly Gauge[] Gauges =
        [BrokerMetrics.SlaAttainmentPercent, BrokerMetrics.SlaServiceMinutes, BrokerMetrics.SlaDownMinutes, BrokerMetrics.SlaResourcesMissed];

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private HashSet<(string Department, string Tier)> _published = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GaugeRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The schema may not be migrated yet at start, or the database briefly away: try again next tick.
                LogRefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Recomputes now (also for an operator tool or a test).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var month = BillingMonth.Of(clock.GetUtcNow());
            var resources = await attainment.ForMonthAsync(month, null, cancellationToken);
            var now = new HashSet<(string, string)>();
            foreach (var group in resources.GroupBy(r => (r.DepartmentId, r.TierCode)))
            {
                var figure = AttainmentFolds.Figure(AttainmentFolds.Department, group.Key.DepartmentId, group.Key.DepartmentId, [.. group]);
                string[] labels = [group.Key.DepartmentId, group.Key.TierCode];
                BrokerMetrics.SlaAttainmentPercent.WithLabels(labels).Set((double)figure.AttainedPercent);
                BrokerMetrics.SlaServiceMinutes.WithLabels(labels).Set(figure.ServiceMinutes);
                BrokerMetrics.SlaDownMinutes.WithLabels(labels).Set(figure.DownMinutes);
                BrokerMetrics.SlaResourcesMissed.WithLabels(labels).Set(figure.Resources - figure.ResourcesMet);
                now.Add(group.Key);
            }

            // A department or tier without resources this month must not linger with last month's figures.
            foreach (var (department, tier) in _published.Except(now))
            {
                foreach (var gauge in Gauges)
                {
                    gauge.RemoveLabelled(department, tier);
                }
            }

            _published = now;
            BrokerMetrics.SlaRefreshTimestamp.SetToCurrentTimeUtc();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the SLA gauges failed; the last values stay until the next try")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
