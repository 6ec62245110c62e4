using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Broker.Silo.Diagnostics;

/// <summary>
/// Gauges recomputed every <c>interval</c> and on demand (<see cref="RefreshAsync"/>, for an operator tool or a test).
/// Scrapes read the last values: a computation per scrape would let the scraper set the database's load. A failed
/// refresh keeps the last values until the next tick (the schema may not be migrated yet at start, or the database
/// briefly away). Label sets that a refresh no longer publishes are removed, so a deleted department does not linger.
/// </summary>
public abstract partial class GaugeRefreshService(TimeSpan interval, ILogger logger) : BackgroundService
{
    private readonly Dictionary<Gauge, HashSet<string[]>> _published = [];

    // The timer and an on-demand caller may refresh at once; _published is not safe to share between them.
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>What the gauges are about, for the log ("SLA", "chargeback").</summary>
    protected abstract string Subject { get; }

    protected abstract Task RefreshOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the business clock: the cadence is operational, the month reported on is business time.
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, e, Subject);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Recomputes now.</summary>
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

    /// <summary>Sets the new values of <paramref name="gauge"/> and removes its label sets that are gone.</summary>
    protected void Publish(Gauge gauge, IEnumerable<(string[] Labels, double Value)> values)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the {Subject} gauges failed; the last values stay until the next try")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string subject);
}
