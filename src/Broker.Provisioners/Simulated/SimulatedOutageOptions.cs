namespace Broker.Provisioners.Simulated;

/// <summary>
/// A stretch of time during which a host (<c>general-03</c>) or a whole host group (<c>general</c>) of the simulated room
/// is down: every resource with an instance there is observed <c>Failed</c> until it is over, then serves again.
/// </summary>
public sealed class SimulatedOutageOptions
{
    /// <summary>A host name or a host group name.</summary>
    public string Target { get; set; } = "";

    public DateTimeOffset Start { get; set; }

    public TimeSpan Duration { get; set; }
}
