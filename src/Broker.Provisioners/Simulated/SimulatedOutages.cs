namespace Broker.Provisioners.Simulated;

/// <summary>
/// The outages of the simulated room: the configured ones and those injected since (by an operator or a test). Not
/// thread-safe: the room calls it under its lock. Times are the room's clock (the broker's business clock).
/// </summary>
internal sealed class SimulatedOutages(IEnumerable<SimulatedOutageOptions> configured, RandomOutageOptions chance, int seed)
{
    private readonly List<(string Target, DateTimeOffset Start, DateTimeOffset End)> outages =
        [.. configured.Select(o => (o.Target, o.Start, o.Start + o.Duration))];

    public void Add(string target, DateTimeOffset start, TimeSpan duration) => outages.Add((target, start, start + duration));

    /// <summary>The outage holding one of <paramref name="placement"/>'s hosts down at <paramref name="now"/>, if any.</summary>
    public (string Host, DateTimeOffset Until)? Down(IReadOnlyList<string> placement, Func<string, string?> groupOf, DateTimeOffset now)
    {
        foreach (var host in placement)
        {
            var group = groupOf(host);
            foreach (var (target, start, end) in outages)
            {
                if (start <= now && now < end && (target == host || target == group))
                {
                    return (host, end);
                }
            }

            if (Drawn(host, now) is { } drawn && drawn.Start <= now && now < drawn.End)
            {
                return (host, drawn.End);
            }
        }

        return null;
    }

    /// <summary>The chance outage of <paramref name="host"/> on the UTC day of <paramref name="now"/>, if the dice give one.</summary>
    private (DateTimeOffset Start, DateTimeOffset End)? Drawn(string host, DateTimeOffset now)
    {
        if (chance.ChancePerHostPerDay <= 0)
        {
            return null;
        }

        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var dice = new Random(StableHash($"{seed}|{host}|{day:yyyy-MM-dd}"));
        if (dice.NextDouble() >= chance.ChancePerHostPerDay)
        {
            return null;
        }

        // Inside the day, so that one day's outage never depends on the day before.
        var minutes = (int)chance.Duration.TotalMinutes;
        var start = day.AddMinutes(dice.Next(0, (24 * 60) - minutes + 1));
        return (start, start + chance.Duration);
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and every silo must draw the same outages.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
