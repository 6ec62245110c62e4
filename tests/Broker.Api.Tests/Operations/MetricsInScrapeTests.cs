using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Silo.Chargeback;
using Broker.Silo.Metering;
using Broker.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// Every metric an alert rule (infra/prometheus/broker-alerts.yaml) or a Grafana dashboard (infra/grafana/*.json) reads
/// is in a scrape of the running broker, after a little work (a department, an order, a reconciliation) has made the
/// counters and gauges appear: a renamed metric breaks this test rather than silently emptying a panel or an alert.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsInScrapeTests(BrokerApiFactory broker)
{
    /// <summary>
    /// Labelled series that exist only after an event this test does not cause; for these the scrape must still
    /// declare the family (<c># TYPE</c>), so a renamed metric is caught all the same. Every other name needs a sample.
    /// </summary>
    private static readonly Dictionary<string, string> AfterAnEvent = new(StringComparer.Ordinal)
    {
        ["broker_capacity_runs_out_days"] = "set only for a pool whose trend forecasts a run-out",
        ["broker_reconcile_drift_repaired_total"] = "counted per kind from the first repair of drift on the cluster",
        ["broker_quota_drift_repaired_total"] = "counted per department from the quota pass's first repair",
        ["broker_kube_watch_restarts_total"] = "counted per kind from the Kubernetes watch's first re-list",
    };

    public static IEnumerable<(string Source, string Metric)> Referenced()
    {
        var root = RepositoryFiles.Root();
        var rules = YamlDocuments.Load(File.ReadAllText(Path.Combine(root, "infra", "prometheus", "broker-alerts.yaml"))).Single();
        foreach (var rule in rules["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()))
        {
            foreach (var metric in MetricNames.In((string)rule!["expr"]!))
            {
                yield return ($"alert {(string?)rule["alert"]}", metric);
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "infra", "grafana"), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var query in MetricNames.DashboardQueries(JsonNode.Parse(File.ReadAllText(file))))
            {
                foreach (var metric in MetricNames.In(query))
                {
                    yield return ($"dashboard {Path.GetFileName(file)}", metric);
                }
            }
        }
    }

    [Fact]
    public async Task Every_metric_of_the_alerts_and_dashboards_is_in_a_scrape_of_the_broker()
    {
        var s = await SelfService.CreateAsync(broker, "scrape", d => d.WithSystem("tax"));
        await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        await broker.As("finance").Send(HttpMethod.Put, $"/api/finance/budgets/{s.Code}/2026", new { amountCny = 1_000m }).Expect(HttpStatusCode.OK);
        // The relay pass and the chargeback gauges' refresh that their timers would do: the VM's open ledger interval
        // becomes the department's allocation.
        // A pass of the relay's own timer may hold the ledger lock (-1): then ours follows it.
        var relay = broker.Services.GetRequiredService<LedgerRelay>();
        await Eventually(async () => (await relay.RunOnceAsync(DateTimeOffset.UnixEpoch, 10_000)).Applied >= 0, TimeSpan.FromSeconds(30));
        await broker.Services.GetRequiredService<ChargebackGaugeService>().RefreshAsync(CancellationToken.None);

        var exposition = await broker.As("metrics-reader").GetStringAsync("/metrics");

        var referenced = Referenced().ToList();
        var missing = referenced
            .Where(r => !(AfterAnEvent.ContainsKey(r.Metric) ? MetricNames.Declared(exposition, r.Metric) : MetricNames.Scraped(exposition, r.Metric)))
            .Select(r => $"{r.Metric} ({r.Source})").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in the scrape: " + string.Join(", ", missing));
        Assert.Contains(referenced, r => r.Source.StartsWith("dashboard", StringComparison.Ordinal));
        Assert.All(AfterAnEvent.Keys, name => Assert.Contains(referenced, r => r.Metric == name));
    }

    [Fact]
    public void Metric_names_are_read_from_promql_without_functions_labels_ranges_or_grafana_variables()
    {
        var names = MetricNames.In("histogram_quantile(0.99, sum by (le, method) (rate(http_request_duration_seconds_bucket{endpoint=~\".*/orders.*\"}[$__rate_interval]))) / on (pool) group_left broker_capacity_amount{pool=~\"$pool\"} > bool 2");

        Assert.Equal(["broker_capacity_amount", "http_request_duration_seconds_bucket"], names.Order(StringComparer.Ordinal));
        Assert.Equal(["broker_quota_amount"], MetricNames.In("label_values(broker_quota_amount, department)"));
        Assert.Equal(["broker_chargeback_gauges_refreshed_timestamp_seconds"], MetricNames.In("time() - broker_chargeback_gauges_refreshed_timestamp_seconds > 3600"));
    }

    [Fact]
    public void A_dashboard_s_queries_are_its_panel_expressions_and_query_variables_but_not_its_data_source()
    {
        var dashboard = JsonNode.Parse("""
            {"templating": {"list": [{"type": "datasource", "query": "prometheus"}, {"type": "query", "query": "label_values(broker_quota_amount, department)"}]},
             "panels": [{"targets": [{"expr": "broker_order_decisions_total"}]}, {"type": "text", "options": {"content": "broker_none"}}]}
            """);

        Assert.Equal(["label_values(broker_quota_amount, department)", "broker_order_decisions_total"], MetricNames.DashboardQueries(dashboard));
    }

    [Fact]
    public void A_metric_is_scraped_only_by_its_exact_name_and_declared_by_its_family()
    {
        const string exposition = "# HELP broker_x_total X.\n# TYPE broker_x_total counter\nbroker_y_seconds_bucket{le=\"1\"} 3\nbroker_y_seconds_count 3\n# TYPE broker_y_seconds histogram\n";

        Assert.True(MetricNames.Scraped(exposition, "broker_y_seconds_bucket"));
        Assert.True(MetricNames.Scraped(exposition, "broker_y_seconds_count"));
        Assert.False(MetricNames.Scraped(exposition, "broker_y"));
        Assert.False(MetricNames.Scraped(exposition, "broker_x_total"));
        Assert.True(MetricNames.Declared(exposition, "broker_x_total"));
        Assert.True(MetricNames.Declared(exposition, "broker_y_seconds_sum"));
        Assert.False(MetricNames.Declared(exposition, "broker_z_total"));
    }
}
