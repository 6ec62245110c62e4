namespace Broker.Silo.Hosting;

/// <summary>
/// What a silo decides when the membership table changes: which silos were just declared dead, and whether this silo
/// is the one to resume the work they left (the oldest active silo, as for the resource watch, so that one silo asks
/// and not every survivor). Pure, so every silo decides alike from the same table.
/// </summary>
public static class SiloLoss
{
    /// <summary>
    /// The silos <paramref name="members"/> lists dead that <paramref name="knownDead"/> did not hold yet, in address
    /// order. A table keeps dead silos for a while, so the first snapshot a silo reads seeds the set; only later
    /// declarations are losses.
    /// </summary>
    public static IReadOnlyList<SiloAddress> NewlyDead(IReadOnlySet<SiloAddress> knownDead, IEnumerable<(SiloAddress Silo, SiloStatus Status)> members) =>
        [.. members.Where(m => m.Status == SiloStatus.Dead && !knownDead.Contains(m.Silo))
            .Select(m => m.Silo)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="self"/> resumes the work of <paramref name="lost"/>: some were lost and it is the oldest active silo.</summary>
    public static bool Resumes(SiloAddress self, IReadOnlyList<SiloAddress> lost, IEnumerable<(SiloAddress Silo, SiloStatus Status)> members) =>
        lost.Count > 0 && Resources.WatchLeadership.Leads(self, members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo));
}
