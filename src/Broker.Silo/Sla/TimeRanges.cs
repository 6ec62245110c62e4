namespace Broker.Silo.Sla;

/// <summary>
/// Set arithmetic on lists of <see cref="TimeRange"/>: every result is normalized (sorted, disjoint, no empty ranges),
/// which is what makes overlapping outages and incidents count once.
/// </summary>
public static class TimeRanges
{
    /// <summary>Sorted, overlapping and touching ranges merged, empty ones dropped.</summary>
    public static List<TimeRange> Union(IEnumerable<TimeRange> ranges)
    {
        var merged = new List<TimeRange>();
        foreach (var r in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = r.End > merged[^1].End ? r.End : merged[^1].End };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="ranges"/> inside <paramref name="within"/>.</summary>
    public static List<TimeRange> Intersect(IEnumerable<TimeRange> ranges, IEnumerable<TimeRange> within)
    {
        var a = Union(ranges);
        var b = Union(within);
        var result = new List<TimeRange>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var clipped = a[i].Clip(b[j]);
            if (!clipped.IsEmpty)
            {
                result.Add(clipped);
            }

            if (a[i].End <= b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    /// <summary>The parts of <paramref name="ranges"/> outside every range of <paramref name="remove"/>.</summary>
    public static List<TimeRange> Subtract(IEnumerable<TimeRange> ranges, IEnumerable<TimeRange> remove)
    {
        var cuts = Union(remove);
        var result = new List<TimeRange>();
        foreach (var r in Union(ranges))
        {
            var start = r.Start;
            foreach (var cut in cuts.Where(c => c.End > r.Start && c.Start < r.End))
            {
                if (cut.Start > start)
                {
                    result.Add(new TimeRange(start, cut.Start));
                }

                start = cut.End > start ? cut.End : start;
            }

            if (start < r.End)
            {
                result.Add(new TimeRange(start, r.End));
            }
        }

        return result;
    }

    public static TimeSpan Total(IEnumerable<TimeRange> ranges) => Union(ranges).Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Length);
}
