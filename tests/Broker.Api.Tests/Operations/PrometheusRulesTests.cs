using System.Text.Json.Nodes;
using Broker.TestSupport;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// The alert rules (infra/prometheus/broker-alerts.yaml) pass <c>promtool check rules</c>, and <c>promtool test rules</c>
/// runs infra/prometheus/tests/broker-alerts-test.yaml, whose series make every alert fire and stay quiet.
/// promtool comes from Debian's prometheus package (scripts/tools.sh ensure).
/// </summary>
public sealed class PrometheusRulesTests
{
    private const string RulesPath = "infra/prometheus/broker-alerts.yaml";
    private const string TestPath = "infra/prometheus/tests/broker-alerts-test.yaml";

    private static JsonObject Rules() => YamlDocuments.Load(RepositoryFiles.Read("infra", "prometheus", "broker-alerts.yaml")).Single();

    private static JsonObject RuleTests() => YamlDocuments.Load(RepositoryFiles.Read("infra", "prometheus", "tests", "broker-alerts-test.yaml")).Single();

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var result = await Tool.RunAsync("promtool", "check", "rules", RulesPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {AlertRuleCoverage.AlertNames(Rules()).Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_rule_tests_pass()
    {
        var result = await Tool.RunAsync("promtool", "test", "rules", TestPath);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Every_alert_is_tested_firing_and_quiet()
    {
        Assert.Empty(AlertRuleCoverage.Gaps(Rules(), RuleTests()));
        Assert.Equal(8, AlertRuleCoverage.AlertNames(Rules()).Count);
    }

    [Fact]
    public void A_test_file_that_never_lets_an_alert_fire_is_caught()
    {
        var tests = RuleTests();
        foreach (var test in tests["tests"]!.AsArray())
        {
            var cases = test!["alert_rule_test"]!.AsArray();
            foreach (var firing in cases.Where(c => (string?)c!["alertname"] == "BrokerJournalWriteFailures" && c["exp_alerts"]!.AsArray().Count > 0).ToList())
            {
                cases.Remove(firing);
            }
        }

        Assert.Equal(["BrokerJournalWriteFailures: no case where it fires"], AlertRuleCoverage.Gaps(Rules(), tests));
    }

    [Fact]
    public async Task Promtool_rejects_a_rule_whose_expression_does_not_parse()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-rules-{Guid.NewGuid():n}.yaml");
        await File.WriteAllTextAsync(file, RepositoryFiles.Read("infra", "prometheus", "broker-alerts.yaml").Replace("broker_capacity_headroom_low == 1", "broker_capacity_headroom_low == = 1", StringComparison.Ordinal));
        try
        {
            var result = await Tool.RunAsync("promtool", "check", "rules", file);

            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
