using System.Diagnostics;
using System.Net;
using System.Text;
using Broker.Api.Diagnostics;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Silo.Diagnostics;
using Xunit.Abstractions;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Diagnostics;

/// <summary>
/// One order of a VM on the Kubernetes backend, placed over HTTP and followed until ready, read back from the
/// in-memory exporter: one trace from the request to the Kubernetes API calls of the hand-off that ran after the answer.
/// </summary>
public sealed class OrderTraceTests(TracedBrokerFactory broker, ITestOutputHelper output) : IClassFixture<TracedBrokerFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_order_is_one_trace_from_the_http_request_through_the_grains_and_postgresql_to_the_kubernetes_api()
    {
        var service = await SelfService.CreateAsync(broker, "traced", d => d.WithSystem("core"));
        var order = await service.PlaceAsync(SelfService.Vms("core", 1)).Expect(HttpStatusCode.Created);
        var orderId = (string)order["id"]!;
        var resourceId = (string)order["resourceIds"]![0]!;
        await Eventually(async () => (await service.ResourcesAsync("ready")).Count == 1, Deadline);

        // The request's server span starts the trace; the hand-off's span ends after the answer, once the order is settled.
        var root = await Eventually(
            () => Task.FromResult(broker.Spans.Snapshot().SingleOrDefault(s => IsPlacingRequest(s, service.Code))),
            s => s is not null && broker.Spans.Snapshot().Any(h => h.TraceId == s.TraceId && h.OperationName == BrokerActivities.OrderHandOff),
            Deadline);
        Assert.NotNull(root);
        var all = broker.Spans.Snapshot();
        var trace = all.Where(s => s.TraceId == root.TraceId).ToList();
        output.WriteLine(Tree(trace, root));
        // Largest traces exported while this host ran: a background loop that kept an old request's context would show here.
        output.WriteLine(string.Join(Environment.NewLine, all.GroupBy(s => s.TraceId).OrderByDescending(g => g.Count()).Take(5)
            .Select(g => $"{g.Count(),5} spans in the trace of {g.OrderBy(s => s.StartTimeUtc).First().DisplayName}")));

        // The HTTP server span is the root; every other span's parent is a span of this trace (no orphans).
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Equal("Microsoft.AspNetCore", root.Source.Name);
        Assert.Equal(default, root.ParentSpanId);
        var byId = trace.ToDictionary(s => s.SpanId);
        Assert.All(trace.Where(s => s != root), s => Assert.True(byId.ContainsKey(s.ParentSpanId), $"{s.DisplayName} ({s.Source.Name}) has a parent outside the trace"));

        // Every span of ours about this order, wherever exported, is in this one trace.
        Assert.All(all.Where(s => (string?)s.GetTagItem(BrokerActivities.OrderTag) == orderId), s => Assert.Equal(root.TraceId, s.TraceId));
        var place = Assert.Single(trace, s => s.OperationName == BrokerActivities.OrderPlace);
        Assert.Equal("approved", place.GetTagItem(BrokerActivities.OutcomeTag));
        var handOff = Assert.Single(trace, s => s.OperationName == BrokerActivities.OrderHandOff);
        Assert.True(Descends(handOff, place, byId), "the hand-off runs after the answer, as a child of the placement");

        // Grain calls of the order, department, capacity and resource grains, each leading up to the request.
        foreach (var grain in new[] { "IOrderGrain", "IDepartmentGrain", "ICapacityGrain", "IResourceGrain" })
        {
            var calls = trace.Where(s => s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName.Contains(grain, StringComparison.Ordinal)).ToList();
            Assert.True(calls.Count > 0, $"no grain call span of {grain}");
            Assert.All(calls, s => Assert.True(Descends(s, root, byId), $"{s.DisplayName} does not lead to the request"));
        }

        // PostgreSQL commands, among them the department's journal write (a group commit, run from the writer's loop).
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && Descends(s, root, byId));
        var reserve = trace.Single(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("IDepartmentGrain/ReserveManyAsync", StringComparison.Ordinal));
        var journal = trace.Where(s => s.OperationName == BrokerActivities.GroupCommit && Descends(s, reserve, byId)).ToList();
        Assert.NotEmpty(journal);
        Assert.All(journal, c => Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == c.SpanId));

        // The apply of the VM to the Kubernetes API under the hand-off.
        var apply = Assert.Single(trace, s => s.OperationName == BrokerActivities.ResourceApply);
        Assert.Equal(resourceId, apply.GetTagItem(BrokerActivities.ResourceTag));
        Assert.True(Descends(apply, handOff, byId), "the apply is part of the hand-off");
        var kubePort = new Uri(broker.Kube.Url).Port;
        var kubeCalls = trace.Where(s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client && Equals(s.GetTagItem("server.port"), kubePort)).ToList();
        Assert.NotEmpty(kubeCalls);
        Assert.All(kubeCalls, s => Assert.True(Descends(s, apply, byId), $"{s.DisplayName} is not under the apply"));
    }

    [Fact]
    public void Only_a_request_or_a_step_of_the_broker_starts_a_trace()
    {
        Assert.True(BrokerRootSampler.StartsTrace(BrokerRootSampler.HttpRequestIn));
        Assert.True(BrokerRootSampler.StartsTrace(BrokerActivities.OrderHandOff));
        Assert.True(BrokerRootSampler.StartsTrace(BrokerActivities.ResourceApply));
        // Background work: a membership heartbeat's query, a resource's periodic read of Kubernetes, a sweeper's call.
        Assert.False(BrokerRootSampler.StartsTrace("postgres"));
        Assert.False(BrokerRootSampler.StartsTrace("System.Net.Http.HttpRequestOut"));
        Assert.False(BrokerRootSampler.StartsTrace("Broker.Contracts.Orders.IOrderGrain/ReconcileAsync"));
    }

    private static bool IsPlacingRequest(Activity span, string department) =>
        span.OperationName == BrokerRootSampler.HttpRequestIn
        && (string?)span.GetTagItem("http.request.method") == "POST"
        && (string?)span.GetTagItem("url.path") == $"/api/departments/{department}/orders";

    /// <summary>Whether <paramref name="ancestor"/> is on the parent chain of <paramref name="span"/> (or is it).</summary>
    private static bool Descends(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var at = span; at is not null; at = byId.GetValueOrDefault(at.ParentSpanId))
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The trace as an indented tree in start order (what docs/observability.md shows).</summary>
    private static string Tree(IReadOnlyList<Activity> trace, Activity root)
    {
        var children = trace.Where(s => s != root).ToLookup(s => s.ParentSpanId);
        var text = new StringBuilder();
        void Write(Activity span, int depth)
        {
            text.Append(' ', depth * 2).Append(span.DisplayName).Append("  [").Append(span.Source.Name).Append(", ").Append(span.Kind).Append(']').AppendLine();
            foreach (var child in children[span.SpanId].OrderBy(s => s.StartTimeUtc))
            {
                Write(child, depth + 1);
            }
        }

        Write(root, 0);
        return text.ToString();
    }
}
