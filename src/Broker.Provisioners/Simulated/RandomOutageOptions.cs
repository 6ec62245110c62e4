namespace Broker.Provisioners.Simulated;

/// <summary>
/// Outages that happen by themselves, for a demo that should show some: each host, each day (UTC), is down once for
/// <see cref="Duration"/> with chance <see cref="ChancePerHostPerDay"/>, at a minute drawn from the room's seed, the host
/// and the day. The same seed gives the same outages in every process and after every restart; 0 (the default) turns it off.
/// </summary>
public sealed class RandomOutageOptions
{
    public double ChancePerHostPerDay { get; set; }

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(20);
}
