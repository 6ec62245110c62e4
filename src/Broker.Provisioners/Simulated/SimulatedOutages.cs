namespace Broker.Provisioners.Simulated;

/// <summary>
/// The outages of the simulated room: the configured ones and those injected since (by an operator or a test). Not
/// thread-safe: the room calls it under its lock. Times are the room's clock (the broker's business clock).
/// </summary>
internal sealed class SimulatedOutages(IEnumerable<SimulatedOutageOptions> configured)
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
        }

        return null;
    }
}
