using System.Globalization;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Broker.Silo.Metering;

namespace Broker.Silo.Chargeback;

/// <summary>
/// Recomputes the chargeback gauges every <see cref="ChargebackOptions.GaugeRefreshInterval"/>: allocated quantities
/// from open intervals, month-to-date charges, and budget use with its alerts. Scrapes read the last values; a
/// statement computation per scrape would let the scraper set the database's load.
/// </summary>
public sealed partial class ChargebackGaugeService(
    OpenAllocations allocations,
    StatementSource statements,
    BudgetStore budgets,
    BrokerClock clock,
    IOptions<ChargebackOptions> options,
    ILogger<ChargebackGaugeService> logger) : BackgroundService
{
    private readonly Dictionary<Gauge, HashSet<string[]>> _published = [];

    // The timer and an on-demand caller may refresh at once; _published is not safe to share between them.
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the business clock: the cadence is operational, the month it reports on is business time.
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

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshOnceAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var held = await allocations.ReadAsync(cancellationToken);
        Publish(BrokerMetrics.ChargebackAllocated, held.Select(h => (new[] { h.Department, h.Dimension }, (double)h.Amount)));

        var now = clock.GetUtcNow();
        var month = BillingMonth.Of(now);
        var year = await statements.AllAsync(new BillingMonth(month.Year, 1), month, cancellationToken);
        Publish(BrokerMetrics.ChargebackMonthToDate, year[^1].Statements.Select(s => (new[] { s.Department }, (double)s.Total)));

        var thresholds = options.Value.AlertThresholds;
        var statuses = ChargebackViews.BudgetStatuses(await budgets.ListAsync(month.Year, null, cancellationToken), year, month, now, thresholds);
        Publish(BrokerMetrics.ChargebackBudgetUsed, statuses.Where(s => s.UsedShare is not null).Select(s => (new[] { s.Department }, (double)s.UsedShare!.Value)));
        Publish(BrokerMetrics.ChargebackBudgetAlert, statuses.SelectMany(s => thresholds.Select(t =>
            (new[] { s.Department, t.ToString(CultureInfo.InvariantCulture) }, s.AlertsReached.Contains(t) ? 1d : 0d))));

        BrokerMetrics.ChargebackRefreshTimestamp.SetToCurrentTimeUtc();
    }

    /// <summary>Sets the new values and removes label sets that are gone (a deleted department must not linger).</summary>
    private void Publish(Gauge gauge, IEnumerable<(string[] Labels, double Value)> values)
    {
        var now = new HashSet<string[]>(LabelComparer.Instance);
        foreach (var (labels, value) in values)
        {
            gauge.WithLabels(labels).Set(value);
            now.Add(labels);
        }

        if (_published.TryGetValue(gauge, out var before))
        {
            foreach (var gone in before.Where(l => !now.Contains(l)))
            {
                gauge.RemoveLabelled(gone);
            }
        }

        _published[gauge] = now;
    }

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] obj) => obj.Aggregate(17, (h, s) => (h * 31) + StringComparer.Ordinal.GetHashCode(s));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the chargeback gauges failed; the last values stay until the next try")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
