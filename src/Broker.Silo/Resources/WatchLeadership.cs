namespace Broker.Silo.Resources;

/// <summary>
/// Which silo runs the resource watch: the oldest active one (lowest generation, then address), as every silo reads
/// the same membership table. While membership changes two silos may briefly both watch; that is harmless, since a
/// repair is a reconcile of the resource's grain (one activation, idempotent applies).
/// </summary>
public static class WatchLeadership
{
    public static bool Leads(SiloAddress self, IEnumerable<SiloAddress> active)
    {
        var oldest = active.OrderBy(s => s.Generation).ThenBy(s => s.ToParsableString(), StringComparer.Ordinal).FirstOrDefault();
        return oldest is null || oldest.Equals(self);
    }
}
