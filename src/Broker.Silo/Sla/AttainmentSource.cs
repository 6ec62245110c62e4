using Broker.Silo.Catalog;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>
/// Measured attainment from the database alone (the journal, the probe's changes, the incidents and the tiers), so an
/// API process without grains answers as a silo does. A month still running is measured up to now (business clock);
/// a month that has not begun has no resources.
/// </summary>
public sealed class AttainmentSource(
    ResourceHistories histories,
    AvailabilityStore availability,
    IncidentStore incidents,
    CatalogStore catalog,
    BrokerClock clock,
    IOptions<SlaOptions> options) : IAttainmentSource
{
    private readonly ServiceCalendar _calendar = ServiceCalendar.From(options.Value.Calendar);

    public async Task<IReadOnlyList<ResourceAttainment>> ForMonthAsync(BillingMonth month, string? departmentId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var period = new TimeRange(month.Start, month.End <= now ? month.End : now);
        if (period.IsEmpty)
        {
            return [];
        }

        var tiers = (await catalog.ListSlaTiersAsync(cancellationToken)).ToDictionary(t => t.Code, TierTarget.Of, StringComparer.Ordinal);
        var resources = await histories.ReadAsync(period.Start, period.End, departmentId, cancellationToken);
        var observed = await availability.ReadAsync([.. resources.Select(r => r.ResourceId)], period.Start, period.End, cancellationToken);
        var recorded = await incidents.OverlappingAsync(period.Start, period.End, cancellationToken);
        var lead = options.Value.MaintenanceLeadTime;
        var measured = new List<ResourceAttainment>();
        foreach (var resource in resources)
        {
            // A tier no longer in the catalog cannot be judged against a target; nothing to report for it.
            if (!tiers.TryGetValue(resource.TierCode, out var tier))
            {
                continue;
            }

            var history = resource with { Observations = observed.GetValueOrDefault(resource.ResourceId) ?? [] };
            if (AttainmentCalculator.Measure(history, tier, recorded, period, _calendar, lead) is { } attainment)
            {
                measured.Add(attainment);
            }
        }

        return measured;
    }

    /// <summary>One figure per resource over <paramref name="period"/>, folded from its months.</summary>
    public async Task<IReadOnlyList<ResourceAttainment>> ForPeriodAsync(AttainmentPeriod period, string? departmentId, CancellationToken cancellationToken = default)
    {
        var months = new List<IReadOnlyList<ResourceAttainment>>();
        foreach (var month in period.Months)
        {
            months.Add(await ForMonthAsync(month, departmentId, cancellationToken));
        }

        return AttainmentFolds.Over(months);
    }
}
