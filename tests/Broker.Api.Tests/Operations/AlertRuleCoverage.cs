using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// Which alerts a promtool rule test file exercises: for each alert name, whether some case expects it to fire and some
/// case expects it quiet. An alert missing either is not tested both ways.
/// </summary>
public static class AlertRuleCoverage
{
    public static IReadOnlyList<string> AlertNames(JsonObject rules) =>
        rules["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).OfType<string>().ToList();

    public static IReadOnlyList<string> Gaps(JsonObject rules, JsonObject tests)
    {
        var cases = tests["tests"]!.AsArray().SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? []).ToList();
        var gaps = new List<string>();
        foreach (var alert in AlertNames(rules))
        {
            var mine = cases.Where(c => (string?)c!["alertname"] == alert).ToList();
            if (!mine.Any(c => c!["exp_alerts"] is JsonArray { Count: > 0 }))
            {
                gaps.Add($"{alert}: no case where it fires");
            }

            if (!mine.Any(c => c!["exp_alerts"] is null or JsonArray { Count: 0 }))
            {
                gaps.Add($"{alert}: no case where it stays quiet");
            }
        }

        return gaps;
    }
}
