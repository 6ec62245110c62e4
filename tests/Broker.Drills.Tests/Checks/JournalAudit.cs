using Broker.Contracts.Quotas;
using Broker.Silo.Tenancy;
using Npgsql;

namespace Broker.Drills.Tests.Checks;

/// <summary>
/// Reads each department's journal from PostgreSQL and replays it with the grain's own state type, the way the next
/// activation would. Three things follow from it:
/// <list type="bullet">
/// <item>fencing: the journal's key (department, seq) lets one writer append seq n only once; sequence numbers running
/// 1..n without a gap show that every append built on the one before, i.e. no second activation wrote beside the first
/// (a second one's append of a taken seq fails, and it is the only way two activations could both have been heard);</item>
/// <item>overcommit: after every entry, used + reserved stays within the limit in every dimension;</item>
/// <item>nothing acknowledged lost: every reservation the load heard held is there, released if it heard that too.</item>
/// </list>
/// </summary>
public static class JournalAudit
{
    public sealed record DepartmentReplay(string Department, long Entries, long Gaps, IReadOnlyList<string> Overcommits, DepartmentData State);

    public static async Task<DepartmentReplay> ReplayAsync(string connectionString, string department)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var entries = await new DepartmentJournal(dataSource).ReadAfterAsync(department, 0);
        var state = new DepartmentData();
        var overcommits = new List<string>();
        long gaps = 0;
        long expected = 1;
        foreach (var (seq, e) in entries)
        {
            if (seq != expected)
            {
                gaps++;
            }

            expected = seq + 1;
            state.Apply(seq, e);
            foreach (var dimension in state.Limits.Dimensions)
            {
                if (state.Used[dimension] + state.Reserved[dimension] > state.Limits[dimension])
                {
                    overcommits.Add($"{department} seq {seq} {dimension}: used {state.Used[dimension]} + reserved {state.Reserved[dimension]} > {state.Limits[dimension]}");
                }
            }
        }

        return new DepartmentReplay(department, entries.Count, gaps, overcommits, state);
    }

    /// <summary>Acknowledged reservations missing from the replayed state, or held when their release was acknowledged.</summary>
    public static IEnumerable<string> Lost(DepartmentReplay replay, IEnumerable<KeyValuePair<(string Department, string Id), bool>> acknowledged)
    {
        foreach (var ((department, id), released) in acknowledged.Where(a => a.Key.Department == replay.Department))
        {
            var reservation = replay.State.Find(ReservationOwner.Department, id);
            if (reservation is null)
            {
                yield return $"{department}/{id}: acknowledged held, not in the journal";
            }
            else if (released && reservation.State != ReservationState.Released)
            {
                yield return $"{department}/{id}: release acknowledged, journal says {reservation.State}";
            }
            else if (!released && reservation.State is not (ReservationState.Held or ReservationState.Committed))
            {
                yield return $"{department}/{id}: acknowledged held, journal says {reservation.State}";
            }
        }
    }
}
