using Broker.Silo.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Broker.Silo.Capacity;

/// <summary>
/// Refreshes the capacity gauges before a scrape, so /metrics shows the room as it is even in a process whose silo
/// made no capacity decision (an API client, a second silo). The forecast and overbooking figures need the full
/// report, which is reused for <see cref="ReportReuse"/> to keep scrapes cheap.
/// </summary>
public sealed partial class CapacityMetricsRefresher(CapacityReporter reporter, IOptions<CapacityOptions> options, ILogger<CapacityMetricsRefresher> logger) : IHostedService
{
    private static readonly TimeSpan ReportReuse = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _reportAt = DateTimeOffset.MinValue;
    private volatile bool _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Pools.Count > 0)
        {
            _running = true;
            // The registry is process-wide and has no way to remove a callback, hence the running flag.
            Metrics.DefaultRegistry.AddBeforeCollectCallback(RefreshAsync);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _running = false;
        return Task.CompletedTask;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!_running || !await _gate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            if (DateTimeOffset.UtcNow - _reportAt < ReportReuse)
            {
                return;
            }

            var report = await reporter.ReportAsync(cancellationToken);
            foreach (var pool in report.Pools)
            {
                foreach (var d in pool.Dimensions)
                {
                    BrokerMetrics.CapacityAmount.WithLabels(pool.Name, d.Dimension, "physical").Set(d.Physical);
                    BrokerMetrics.CapacityAmount.WithLabels(pool.Name, d.Dimension, "allocatable").Set(d.Allocatable);
                    BrokerMetrics.CapacityAmount.WithLabels(pool.Name, d.Dimension, "allocated").Set(d.Allocated);
                    BrokerMetrics.CapacityAmount.WithLabels(pool.Name, d.Dimension, "reserved").Set(d.Reserved);
                    BrokerMetrics.CapacityAmount.WithLabels(pool.Name, d.Dimension, "free").Set(d.Free);
                    BrokerMetrics.CapacityHeadroomRatio.WithLabels(pool.Name, d.Dimension).Set(d.HeadroomRatio);
                    BrokerMetrics.CapacityHeadroomLow.WithLabels(pool.Name, d.Dimension).Set(d.HeadroomLow ? 1 : 0);
                    if (d.RunsOutOn is { } day)
                    {
                        BrokerMetrics.CapacityRunsOutDays.WithLabels(pool.Name, d.Dimension).Set(day.DayNumber - report.Today.DayNumber);
                    }
                    else
                    {
                        BrokerMetrics.CapacityRunsOutDays.RemoveLabelled(pool.Name, d.Dimension);
                    }
                }
            }

            BrokerMetrics.CapacityQueuedOrders.Set(report.Queue.Count);
            foreach (var d in (await reporter.OverbookingAsync(cancellationToken)).Dimensions.Where(d => d.Ratio is not null))
            {
                BrokerMetrics.CapacityOverbookingRatio.WithLabels(d.Dimension).Set(d.Ratio!.Value);
            }

            _reportAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A scrape must not fail because the silo is starting or stopping; the gauges keep their last values.
            LogRefreshFailed(logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshing the capacity gauges failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
