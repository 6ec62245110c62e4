using Broker.Contracts.Capacity;
using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Resources;
using Broker.Silo.Storage;
using Broker.Silo.Systems;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.Options;
using ContractKind = Broker.Contracts.Resources.ResourceKind;

namespace Broker.Silo.Capacity;

/// <summary>
/// Builds the platform team's views from the capacity grain's snapshot and the recorded history: the capacity report
/// with forecasts, overbooking of quotas against supply, and how many more of a plan fit.
/// </summary>
public sealed class CapacityReporter(
    IGrainFactory grains,
    CapacityStore store,
    SystemDirectory systems,
    DepartmentDirectory departments,
    ProvisionerSelector provisioners,
    IOptions<CapacityOptions> options)
{
    private const int PageSize = 500;

    private ICapacityGrain Room => grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    public async Task<CapacityReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var config = options.Value;
        var snapshot = await Room.GetSnapshotAsync();
        var today = CapacityStore.Day(snapshot.At);
        var history = await store.HistoryAsync(today.AddDays(-(config.ForecastDays - 1)), today, cancellationToken);
        var envelopes = await UnusedEnvelopesAsync(cancellationToken);
        var pools = new List<PoolReport>();
        foreach (var pool in snapshot.Pools)
        {
            var dimensions = new List<DimensionReport>();
            foreach (var dimension in pool.Dimensions)
            {
                var allocatable = pool.Allocatable[dimension];
                var allocated = pool.Allocated[dimension];
                var reserved = pool.Reserved[dimension];
                var free = Math.Max(0, allocatable - allocated - reserved);
                var ratio = allocatable == 0 ? 0 : (double)free / allocatable;
                var pipeline = new PipelineReport(
                    reserved,
                    Shared(snapshot.Queue.Select(q => (q.Zone, q.Backend, q.Total)), snapshot.Pools, pool, dimension, byBackend: true),
                    Shared(envelopes.Select(e => (e.Zone, pool.Backend, e.Unused)), snapshot.Pools, pool, dimension, byBackend: false));
                var days = Densify(history.GetValueOrDefault((pool.Name, dimension)) ?? [], today, config.ForecastDays, allocated);
                var runsOut = CapacityMath.RunsOutOn(days, pipeline.Total, allocatable, today);
                dimensions.Add(new DimensionReport(dimension, pool.Physical[dimension], pool.Overcommit.GetValueOrDefault(dimension, 1.0), allocatable,
                    allocated, reserved, free, Math.Round(ratio, 4), ratio < config.HeadroomAlertRatio, pipeline, days.Count, runsOut));
            }

            // A pool naming a backend that is not configured builds nothing real here (orders are placed by the backend their
            // kind goes to): labelled simulated, as before.
            pools.Add(new PoolReport(pool.Name, pool.Zones, pool.Backend, provisioners.Named(pool.Backend)?.IsSimulated ?? true, pool.Source, dimensions));
        }

        return new CapacityReport(snapshot.At, today, config.WhenFull, config.HeadroomAlertRatio, config.ForecastDays, pools, snapshot.Queue);
    }

    public async Task<OverbookingReport> OverbookingAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await Room.GetSnapshotAsync();
        var allocatable = snapshot.Pools.Aggregate(QuotaVector.Empty, (sum, p) => sum.Add(p.Allocatable));
        var limited = snapshot.Pools.SelectMany(p => p.Dimensions).ToHashSet(StringComparer.Ordinal);
        var limits = await QuotaLimitsAsync(cancellationToken);
        var rows = limited.Order(StringComparer.Ordinal).Select(d =>
        {
            double? ratio = allocatable[d] == 0 ? null : Math.Round((double)limits[d] / allocatable[d], 4);
            return new DimensionOverbooking(d, limits[d], allocatable[d], ratio, limits[d] > allocatable[d]);
        }).ToList();
        return new OverbookingReport(snapshot.At, rows.Any(r => r.Overbooked), rows);
    }

    /// <summary>Null when the catalog has no such plan.</summary>
    public async Task<PlanFitReport?> FitAsync(PlanVersion plan, string? zone)
    {
        var snapshot = await Room.GetSnapshotAsync();
        var backend = provisioners.For(plan.Kind == OfferingKind.Database ? ContractKind.Database : ContractKind.Vm).Name;
        var fits = snapshot.Pools
            .Where(p => p.Backend == backend && (zone is null || p.Zones.Contains(zone, StringComparer.Ordinal)))
            .Select(p => new PoolFit(p.Name, p.Zones, CapacityMath.HowManyFit(Figures(p), plan.PerUnit)))
            .ToList();
        return new PlanFitReport(plan.Code, plan.Version, plan.PerUnit, backend, zone, fits.Sum(f => f.Fits), fits);
    }

    /// <summary>
    /// The recorded days of the window, each day carrying the last figure recorded on or before it (a day without a
    /// change kept the previous day's figure), ending with today's live figure.
    /// </summary>
    public static IReadOnlyList<(DateOnly Day, long Allocated)> Densify(IReadOnlyList<(DateOnly Day, long Allocated)> recorded, DateOnly today, int days, long now)
    {
        var result = new List<(DateOnly, long)>();
        long? last = null;
        var index = 0;
        for (var day = today.AddDays(-(days - 1)); day < today; day = day.AddDays(1))
        {
            while (index < recorded.Count && recorded[index].Day <= day)
            {
                last = recorded[index++].Allocated;
            }

            if (last is { } value)
            {
                result.Add((day, value));
            }
        }

        result.Add((today, now));
        return result;
    }

    private static PoolFigures Figures(CapacityPoolView p) =>
        new(p.Name, p.Zones, p.Physical, p.Allocatable, p.Allocated, p.Reserved, p.Dimensions.ToHashSet(StringComparer.Ordinal));

    /// <summary>This pool's even share (rounded up) of amounts bound for a zone, among the pools that could take them.</summary>
    private static long Shared(IEnumerable<(string Zone, string Backend, QuotaVector Amount)> items, IReadOnlyList<CapacityPoolView> pools, CapacityPoolView pool, string dimension, bool byBackend)
    {
        long share = 0;
        foreach (var (zone, backend, amount) in items)
        {
            if (amount[dimension] <= 0 || !pool.Zones.Contains(zone, StringComparer.Ordinal) || (byBackend && pool.Backend != backend))
            {
                continue;
            }

            var serving = pools.Count(p => p.Zones.Contains(zone, StringComparer.Ordinal) && (!byBackend || p.Backend == backend) && p.Dimensions.Contains(dimension, StringComparer.Ordinal));
            share += (amount[dimension] + Math.Max(1, serving) - 1) / Math.Max(1, serving);
        }

        return share;
    }

    private async Task<IReadOnlyList<(string Zone, QuotaVector Unused)>> UnusedEnvelopesAsync(CancellationToken cancellationToken)
    {
        var list = new List<(string, QuotaVector)>();
        string? afterDepartment = null, afterId = null;
        while (true)
        {
            var page = await systems.ListAsync(null, SystemReviewStatus.Approved, null, afterDepartment, afterId, PageSize, cancellationToken);
            foreach (var summary in page)
            {
                var view = await grains.GetSystem(new SystemKey(summary.Department, summary.Id)).GetAsync();
                if (view?.Envelope is { } envelope)
                {
                    var unused = new QuotaVector(envelope.Vector.Amounts.Select(a => KeyValuePair.Create(a.Key, Math.Max(0, a.Value - view.Allocated[a.Key]))));
                    list.Add((WireText.Of(summary.NetworkZone), unused));
                }
            }

            if (page.Count < PageSize)
            {
                return list;
            }

            (afterDepartment, afterId) = (page[^1].Department, page[^1].Id);
        }
    }

    private async Task<QuotaVector> QuotaLimitsAsync(CancellationToken cancellationToken)
    {
        var sum = QuotaVector.Empty;
        string? after = null;
        while (true)
        {
            var page = await departments.ListAsync(null, null, after, PageSize, cancellationToken);
            foreach (var department in page)
            {
                if (await grains.GetGrain<IDepartmentGrain>(department.Code).GetQuotaAsync() is { } quota)
                {
                    sum = sum.Add(quota.Limits);
                }
            }

            if (page.Count < PageSize)
            {
                return sum;
            }

            after = page[^1].Code;
        }
    }
}
