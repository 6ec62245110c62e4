using System.Diagnostics;
using Broker.Silo.Diagnostics;
using Broker.Silo.Orders;

namespace Broker.Silo.Tests.Orders;

/// <summary>Where an order's hand-off span goes, decided without a silo (a listener records the broker's spans).</summary>
public sealed class OrderTracingTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == BrokerActivities.SourceName,
        // Recorded unless the parent was not: the parent-based sampling the broker configures.
        Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
            o.Parent == default || o.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
    };

    private static readonly ActivityContext Placement = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    private static readonly OrderData Order = new() { Department = "tax", Id = "o-1", TraceParent = $"00-{Placement.TraceId}-{Placement.SpanId}-01" };

    public OrderTracingTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void The_hand_off_after_the_answer_is_the_child_of_the_placing_call()
    {
        Activity.Current = null;
        using var handOff = OrderTracing.StartHandOff(Order, Order.TraceParent, resumed: false);

        Assert.NotNull(handOff);
        Assert.Equal((Placement.TraceId, Placement.SpanId), (handOff.TraceId, handOff.ParentSpanId));
        Assert.Empty(handOff.Links);
    }

    [Fact]
    public void A_hand_off_resumed_under_an_unrecorded_background_call_starts_its_own_trace_linked_to_the_placement()
    {
        using var background = new Activity("IOrderGrain/ReconcileAsync").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None).Start();
        using var handOff = OrderTracing.StartHandOff(Order, traceParent: null, resumed: true);

        Assert.NotNull(handOff);
        Assert.True(handOff.Recorded);
        Assert.Equal(default, handOff.ParentSpanId);
        Assert.NotEqual(Placement.TraceId, handOff.TraceId);
        Assert.Equal(Placement, Assert.Single(handOff.Links).Context);
        Assert.Equal(true, handOff.GetTagItem(BrokerActivities.ResumedTag));
    }

    [Fact]
    public void A_hand_off_run_by_a_traced_decision_stays_in_that_request_and_links_to_the_placement()
    {
        using var approval = new Activity("POST approve").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        using var handOff = OrderTracing.StartHandOff(Order, traceParent: null, resumed: false);

        Assert.NotNull(handOff);
        Assert.Equal((approval.TraceId, approval.SpanId), (handOff.TraceId, handOff.ParentSpanId));
        Assert.Equal(Placement, Assert.Single(handOff.Links).Context);
    }
}
