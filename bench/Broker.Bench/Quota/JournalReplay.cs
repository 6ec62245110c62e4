using System.Collections.Concurrent;
using Broker.Silo.Quotas;
using Broker.Silo.Tenancy;

namespace Broker.Bench.Quota;

/// <summary>
/// Replays each department's journal from PostgreSQL, the way an activation does, and checks the quota after every
/// entry. The grain's current state only shows the end; the journal shows every state a caller was told about.
/// </summary>
public static class JournalReplay
{
    public static async Task<QuotaAudit> CheckAsync(DepartmentJournal journal, IReadOnlyList<string> departments)
    {
        var audits = new ConcurrentBag<QuotaAudit>();
        await Parallel.ForEachAsync(departments, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (code, cancellationToken) =>
        {
            var state = new DepartmentData();
            var over = 0;
            string? first = null;
            var events = await journal.ReadAfterAsync(code, 0, cancellationToken);
            foreach (var (seq, e) in events)
            {
                state.Apply(seq, e);
                if (!QuotaDecisions.WithinLimits(state.Limits, state.Used, state.Reserved))
                {
                    over++;
                    first ??= $"{code} journal seq {seq}: used {state.Used}, reserved {state.Reserved}, limits {state.Limits}";
                }
            }

            var drift = state.Used.IsEmpty && state.Reserved.IsEmpty && state.Live.Count == 0 ? 0 : 1;
            audits.Add(new QuotaAudit(events.Count, over, drift, first ?? (drift == 0 ? null : $"{code} journal ends with {state.Live.Count} live reservations")));
        });

        return audits.Aggregate(new QuotaAudit(0, 0, 0, null), (sum, a) => sum.Plus(a));
    }
}
