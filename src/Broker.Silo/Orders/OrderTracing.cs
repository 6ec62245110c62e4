using System.Diagnostics;
using Broker.Contracts.Orders;
using Broker.Silo.Diagnostics;
using Broker.Silo.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// How an order shows in a trace: the placement decision as <see cref="BrokerActivities.OrderPlace"/> with its outcome,
/// and the hand-off as <see cref="BrokerActivities.OrderHandOff"/>, a child of the placement although it runs after
/// the answer (on a grain timer, where the request's context is gone), so one order is one trace.
/// </summary>
public static class OrderTracing
{
    /// <summary>The placement decision in its span, tagged with what came of it.</summary>
    public static Task<OrderResult> PlaceAsync(string department, string orderId, Func<Task<OrderResult>> place) =>
        BrokerActivities.Source.HasListeners() ? TracePlaceAsync(department, orderId, place) : place();

    private static async Task<OrderResult> TracePlaceAsync(string department, string orderId, Func<Task<OrderResult>> place)
    {
        using var activity = BrokerActivities.Source.StartActivity(BrokerActivities.OrderPlace);
        activity?.SetTag(BrokerActivities.DepartmentTag, department);
        activity?.SetTag(BrokerActivities.OrderTag, orderId);
        try
        {
            var result = await place();
            activity?.SetTag(BrokerActivities.OutcomeTag, Outcome(result));
            return result;
        }
        catch (Exception ex)
        {
            activity?.Fail(ex);
            throw;
        }
    }

    /// <summary>Refused with its code, replayed, or the state the order was placed in (auto-approved orders: approved).</summary>
    public static string Outcome(OrderResult result) =>
        result.Error is { } error ? error.Code
        : result.Replayed ? "replayed"
        : result.Order is { } order ? WireText.Of(order.State)
        : "none";

    /// <summary>
    /// The context to keep for the hand-off: the current span's as W3C <c>traceparent</c> text (with its sampled flag),
    /// or null when nothing is traced.
    /// </summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// The hand-off's span. <paramref name="traceParent"/> is the placing request's context when the hand-off runs right after
    /// the answer: the span is its child, in the same trace. Without it (resumed by the sweeper after a crash or a
    /// failure, or run by a later decision inside that request's trace) the span stays where it is started and links to
    /// the placement's trace (<see cref="OrderData.TraceParent"/>), which ended long ago.
    /// </summary>
    public static Activity? StartHandOff(OrderData order, string? traceParent, bool resumed)
    {
        if (!BrokerActivities.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, null, out var parentContext);
        if (parentContext == default && Activity.Current is { Recorded: false })
        {
            // Background work (the sweeper's reminder) runs under an unrecorded context that would drop this span
            // too: start a trace of its own instead. Only this async flow sees the change.
            Activity.Current = null;
        }

        ActivityLink[]? links = null;
        if (parentContext == default && ActivityContext.TryParse(order.TraceParent, null, out var placed) && placed.TraceId != Activity.Current?.TraceId)
        {
            links = [new ActivityLink(placed)];
        }

        var activity = BrokerActivities.Source.StartActivity(BrokerActivities.OrderHandOff, ActivityKind.Internal, parentContext, links: links);
        activity?.SetTag(BrokerActivities.DepartmentTag, order.Department);
        activity?.SetTag(BrokerActivities.OrderTag, order.Id);
        activity?.SetTag(BrokerActivities.ResumedTag, resumed);
        return activity;
    }
}
