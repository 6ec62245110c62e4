using System.Collections.Concurrent;

namespace Broker.Drills.Tests.Load;

/// <summary>
/// What the cluster acknowledged to the load (a 2xx answer) and what stayed unknown (no answer before the load stopped):
/// the drill checks the first against PostgreSQL and leaves the second out of its claims.
/// </summary>
public sealed class Ledger
{
    /// <summary>Reservations acknowledged held, by department and id; true once their release was acknowledged too.</summary>
    public ConcurrentDictionary<(string Department, string Id), bool> Reservations { get; } = new();

    /// <summary>Orders acknowledged placed, by department and id.</summary>
    public ConcurrentDictionary<(string Department, string Id), bool> Orders { get; } = new();

    /// <summary>Reservations, releases and orders whose outcome the load never heard: either is allowed.</summary>
    public ConcurrentDictionary<(string Department, string Id), string> Unknown { get; } = new();

    /// <summary>Quota reads where used + reserved exceeded the limit in some dimension (each described).</summary>
    public ConcurrentQueue<string> Overcommits { get; } = new();

    public int QuotaReads;
}
