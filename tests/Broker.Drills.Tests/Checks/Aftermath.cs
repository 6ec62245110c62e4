using System.Text.Json.Nodes;
using Broker.Drills.Tests.Harness;
using Broker.Drills.Tests.Load;
using static Broker.TestSupport.Polling;

namespace Broker.Drills.Tests.Checks;

/// <summary>
/// What every drill checks once its load has stopped: no overcommit at any read or journal entry, nothing acknowledged
/// lost, no gap in any journal (fencing), orders acknowledged still there, and quota equal to the live resources.
/// </summary>
public static class Aftermath
{
    public sealed record Findings(IReadOnlyList<string> Overcommits, IReadOnlyList<string> Lost, long JournalGaps, long JournalEntries, IReadOnlyList<string> QuotaDifferences)
    {
        public void AddTo(JsonObject figures)
        {
            figures["overcommit"] = Overcommits.Count;
            figures["lost_acknowledged"] = Lost.Count;
            figures["journal_entries"] = JournalEntries;
            figures["journal_gaps"] = JournalGaps;
            figures["quota_differences"] = QuotaDifferences.Count;
        }

        public void AssertClean()
        {
            Assert.True(Overcommits.Count == 0, "overcommit: " + string.Join("; ", Overcommits.Take(10)));
            Assert.True(Lost.Count == 0, "acknowledged but lost: " + string.Join("; ", Lost.Take(10)));
            Assert.Equal(0, JournalGaps);
            Assert.True(QuotaDifferences.Count == 0, "quota differs from live resources: " + string.Join("; ", QuotaDifferences.Take(10)));
        }
    }

    public static async Task<Findings> CheckAsync(BrokerCluster cluster, DrillLoad load)
    {
        await Eventually(cluster.DatabaseAnswersAsync, TimeSpan.FromSeconds(90));
        var overcommits = load.Ledger.Overcommits.ToList();
        var lost = new List<string>();
        long gaps = 0;
        long entries = 0;
        using var reader = cluster.As("platform-admin");
        var differences = new List<string>();
        foreach (var department in load.DepartmentCodes)
        {
            var replay = await JournalAudit.ReplayAsync(cluster.DatabaseConnectionString, department);
            overcommits.AddRange(replay.Overcommits);
            lost.AddRange(JournalAudit.Lost(replay, load.Ledger.Reservations));
            gaps += replay.Gaps;
            entries += replay.Entries;
        }

        foreach (var ((department, id), _) in load.Ledger.Orders)
        {
            using var response = await reader.GetAsync($"/api/departments/{department}/orders/{id}");
            if (!response.IsSuccessStatusCode)
            {
                lost.Add($"order {department}/{id}: acknowledged placed, now {(int)response.StatusCode}");
            }
        }

        // Resources of orders placed just before the load stopped are still being created: quota must square once they
        // settle (each resource's hold moves with it), so read until it does or the deadline passes.
        try
        {
            await Eventually(async () =>
            {
                differences.Clear();
                foreach (var department in load.DepartmentCodes)
                {
                    var replay = await JournalAudit.ReplayAsync(cluster.DatabaseConnectionString, department);
                    differences.AddRange(await QuotaSquare.DifferencesAsync(reader, department, replay));
                }

                return differences.Count == 0;
            }, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // Reported below with what differed.
        }

        return new Findings(overcommits, lost, gaps, entries, differences.ToList());
    }
}
