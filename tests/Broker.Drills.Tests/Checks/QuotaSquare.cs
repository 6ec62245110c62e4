using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broker.Contracts.Quotas;

namespace Broker.Drills.Tests.Checks;

/// <summary>
/// Quota equals live resources: the broker's own holds in a department (the reservations of its orders and resources)
/// add up to exactly the vectors of its resources that are not deleted, dimension by dimension, and the quota the API
/// shows equals the replayed journal.
/// </summary>
public static class QuotaSquare
{
    private static readonly string[] Dimensions = ["vcpu", "memory_gib", "storage_gib", "vms", "databases"];

    /// <summary>Differences found (none when it squares).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(HttpClient reader, string department, JournalAudit.DepartmentReplay replay)
    {
        var differences = new List<string>();
        var resources = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await reader.GetFromJsonAsync<JsonNode>($"/api/departments/{department}/resources?limit=200" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            resources.AddRange(page!["items"]!.AsArray().Select(r => r!));
            after = (string?)page["next"];
        }
        while (after is not null);

        var quota = (await reader.GetFromJsonAsync<JsonNode>($"/api/departments/{department}/quota"))!["dimensions"]!.AsArray();
        var brokerHolds = replay.State.Live.Values.Where(r => r.Owner == ReservationOwner.System).ToList();
        foreach (var dimension in Dimensions)
        {
            var live = resources.Where(r => (string)r["state"]! != "deleted").Sum(r => (long?)r["spec"]!["vector"]![dimension] ?? 0);
            var held = brokerHolds.Sum(r => r.Vector[dimension]);
            if (live != held)
            {
                differences.Add($"{department} {dimension}: live resources {live}, broker holds {held}");
            }

            var line = quota.Single(l => (string)l!["dimension"]! == dimension)!;
            var shown = (long)line["used"]! + (long)line["reserved"]!;
            var replayed = replay.State.Used[dimension] + replay.State.Reserved[dimension];
            if (shown != replayed)
            {
                differences.Add($"{department} {dimension}: the API shows {shown} used + reserved, the journal {replayed}");
            }
        }

        return differences;
    }
}
