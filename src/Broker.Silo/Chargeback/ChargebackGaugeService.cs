using System.Globalization;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
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
public sealed class ChargebackGaugeService(
    OpenAllocations allocations,
    StatementSource statements,
    BudgetStore budgets,
    BrokerClock clock,
    IOptions<ChargebackOptions> options,
    ILogger<ChargebackGaugeService> logger) : GaugeRefreshService(options.Value.GaugeRefreshInterval, logger)
{
    protected override string Subject => "chargeback";

    protected override async Task RefreshOnceAsync(CancellationToken cancellationToken)
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
}
