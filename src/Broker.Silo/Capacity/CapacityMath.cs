using Broker.Contracts.Quotas;

namespace Broker.Silo.Capacity;

/// <summary>
/// Pure capacity arithmetic for the platform team: what a pool can sell, where a request goes, how many more of a plan
/// fit, how far quotas overbook supply, and when a dimension runs out. Grains and reports orchestrate these.
/// </summary>
public static class CapacityMath
{
    /// <summary>Physical × overcommit, rounded down: a fraction of a vCPU cannot be sold.</summary>
    public static QuotaVector Allocatable(CapacityPoolOptions pool) =>
        new(pool.Physical.Select(p => KeyValuePair.Create(p.Key, (long)Math.Floor(p.Value * pool.Overcommit.GetValueOrDefault(p.Key, 1.0)))));

    /// <summary>
    /// The pool serving <paramref name="zone"/> where <paramref name="request"/> fits with the most headroom left (the
    /// smallest remaining share of any requested dimension, highest wins), ties broken by name so placement is
    /// deterministic. Null when no pool serving the zone can take it.
    /// </summary>
    public static string? Place(IEnumerable<PoolFigures> pools, string zone, QuotaVector request) =>
        pools.Where(p => p.Zones.Contains(zone, StringComparer.Ordinal) && Fits(p, request))
            .OrderByDescending(p => Headroom(p, request))
            .ThenBy(p => p.Pool, StringComparer.Ordinal)
            .Select(p => p.Pool)
            .FirstOrDefault();

    /// <summary>Every dimension the pool limits has room; dimensions it does not limit (e.g. <c>vms</c>) never stop a request.</summary>
    public static bool Fits(PoolFigures pool, QuotaVector request) => request.Amounts.All(r => !pool.Limits(r.Key) || r.Value <= pool.Free(r.Key));

    /// <summary>How many more units of <paramref name="perUnit"/> fit into the pool's free capacity.</summary>
    public static long HowManyFit(PoolFigures pool, QuotaVector perUnit) =>
        perUnit.Amounts.Where(p => p.Value > 0 && pool.Limits(p.Key)).Select(p => pool.Free(p.Key) / p.Value).DefaultIfEmpty(0).Min();

    /// <summary>Sum of department quota limits divided by what the pools can sell, per dimension (above 1 is overbooked).</summary>
    public static IReadOnlyDictionary<string, double> Overbooking(QuotaVector quotaLimits, QuotaVector allocatable) =>
        quotaLimits.Amounts.ToDictionary(
            p => p.Key,
            p => allocatable[p.Key] == 0 ? double.PositiveInfinity : (double)p.Value / allocatable[p.Key],
            StringComparer.Ordinal);

    /// <summary>
    /// The day a dimension runs out: today's allocation plus the pipeline (approved but not yet built, plus approved
    /// envelopes not yet used) grows at the least-squares daily slope of <paramref name="history"/> (the last 30 days)
    /// until it reaches <paramref name="allocatable"/>. Null when allocation is flat or shrinking and the pipeline fits.
    /// </summary>
    public static DateOnly? RunsOutOn(IReadOnlyList<(DateOnly Day, long Allocated)> history, long pipeline, long allocatable, DateOnly today)
    {
        var current = history.Count == 0 ? 0 : history[^1].Allocated;
        if (current + pipeline >= allocatable)
        {
            return today;
        }

        var slope = DailySlope(history);
        if (slope <= 0)
        {
            return null;
        }

        var days = (allocatable - current - pipeline) / slope;
        return today.AddDays((int)Math.Ceiling(days));
    }

    private static double Headroom(PoolFigures pool, QuotaVector request) =>
        request.Amounts.Where(r => pool.Limits(r.Key)).Select(r => pool.Allocatable[r.Key] == 0 ? 0 : (double)(pool.Free(r.Key) - r.Value) / pool.Allocatable[r.Key]).DefaultIfEmpty(0).Min();

    private static double DailySlope(IReadOnlyList<(DateOnly Day, long Allocated)> history)
    {
        if (history.Count < 2)
        {
            return 0;
        }

        var origin = history[0].Day.DayNumber;
        var xs = history.Select(h => (double)(h.Day.DayNumber - origin)).ToArray();
        var ys = history.Select(h => (double)h.Allocated).ToArray();
        var meanX = xs.Average();
        var meanY = ys.Average();
        var variance = xs.Sum(x => (x - meanX) * (x - meanX));
        return variance == 0 ? 0 : xs.Zip(ys).Sum(p => (p.First - meanX) * (p.Second - meanY)) / variance;
    }
}
