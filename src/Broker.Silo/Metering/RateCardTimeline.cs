namespace Broker.Silo.Metering;

/// <summary>
/// Which card is in force when, over one stretch of time: the highest version in force at each instant. Computed once
/// per month, so rating an interval is a walk over a handful of segments, never a lookup per hour.
/// </summary>
public sealed class RateCardTimeline
{
    private RateCardTimeline(IReadOnlyList<RateSegment> segments) => Segments = segments;

    public IReadOnlyList<RateSegment> Segments { get; }

    public static RateCardTimeline For(IEnumerable<RateCard> cards, DateTimeOffset from, DateTimeOffset to)
    {
        var all = cards.ToList();
        var cuts = new SortedSet<DateTimeOffset> { from, to };
        foreach (var card in all)
        {
            foreach (var edge in new[] { card.From, card.To })
            {
                if (edge is { } e && e > from && e < to)
                {
                    cuts.Add(e);
                }
            }
        }

        var segments = new List<RateSegment>();
        var points = cuts.ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var card = all.Where(c => c.InForceAt(points[i])).MaxBy(c => c.Version);
            if (card is null)
            {
                continue; // no card in force: nothing can be rated there (finance sees it as unrated usage)
            }

            var (start, end) = (points[i].UtcTicks, points[i + 1].UtcTicks);
            if (segments.Count > 0 && segments[^1].Card == card && segments[^1].ToTicks == start)
            {
                segments[^1] = segments[^1] with { ToTicks = end };
            }
            else
            {
                segments.Add(new RateSegment(start, end, card));
            }
        }

        return new RateCardTimeline(segments);
    }

    /// <summary>The card in force at an instant, or null.</summary>
    public RateCard? At(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        foreach (var s in Segments)
        {
            if (s.FromTicks <= ticks && ticks < s.ToTicks)
            {
                return s.Card;
            }
        }

        return null;
    }
}
