using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Broker.Silo.Sla;

/// <summary>
/// Recomputes the current month's attainment gauges every <see cref="SlaOptions.GaugeRefreshInterval"/>, per department
/// and tier. Scrapes read the last values: measuring a month per scrape would let the scraper set the database's load.
/// </summary>
public sealed class SlaGaugeService(
    AttainmentSource attainment,
    BrokerClock clock,
    IOptions<SlaOptions> options,
    ILogger<SlaGaugeService> logger) : GaugeRefreshService(options.Value.GaugeRefreshInterval, logger)
{
    protected override string Subject => "SLA";

    protected override async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var month = BillingMonth.Of(clock.GetUtcNow());
        var resources = await attainment.ForMonthAsync(month, null, cancellationToken);
        var figures = resources.GroupBy(r => (r.DepartmentId, r.TierCode))
            .Select(g => (Labels: new[] { g.Key.DepartmentId, g.Key.TierCode }, Figure: AttainmentFolds.Figure(AttainmentFolds.Department, g.Key.DepartmentId, g.Key.DepartmentId, [.. g])))
            .ToList();
        // A department or tier without resources this month must not linger with last month's figures (Publish removes it).
        Publish(BrokerMetrics.SlaAttainmentPercent, figures.Select(f => (f.Labels, (double)f.Figure.AttainedPercent)));
        Publish(BrokerMetrics.SlaServiceMinutes, figures.Select(f => (f.Labels, (double)f.Figure.ServiceMinutes)));
        Publish(BrokerMetrics.SlaDownMinutes, figures.Select(f => (f.Labels, (double)f.Figure.DownMinutes)));
        Publish(BrokerMetrics.SlaResourcesMissed, figures.Select(f => (f.Labels, (double)(f.Figure.Resources - f.Figure.ResourcesMet))));
        BrokerMetrics.SlaRefreshTimestamp.SetToCurrentTimeUtc();
    }
}
