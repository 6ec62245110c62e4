using System.Diagnostics;

namespace Broker.Silo.Diagnostics;

/// <summary>
/// The broker's own spans (ActivitySource <see cref="SourceName"/>), for the steps a trace of an order should show by
/// name: the placement decision, the hand-off to resources, and each apply to a backend. Grain calls, PostgreSQL
/// commands and HTTP calls have spans of their own from Orleans, Npgsql and .NET. Nothing listens unless tracing is
/// configured (docs/observability.md), and then <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and these cost a null check.
/// </summary>
public static class BrokerActivities
{
    public const string SourceName = "Broker";

    /// <summary>Every span name of ours starts with this: the sampler lets such a span start a trace (docs/observability.md).</summary>
    public const string NamePrefix = "broker.";

    public const string OrderPlace = "broker.order.place";

    public const string OrderHandOff = "broker.order.hand-off";

    public const string ResourceApply = "broker.resource.apply";

    /// <summary>One group-committed transaction (journal entries, order rows) carrying the writes of one or more callers.</summary>
    public const string GroupCommit = "broker.group-commit";

    public const string DepartmentTag = "broker.department";

    public const string OrderTag = "broker.order.id";

    public const string OutcomeTag = "broker.order.outcome";

    public const string ResumedTag = "broker.order.resumed";

    public const string ResourceTag = "broker.resource.id";

    public const string BackendTag = "broker.backend";

    public const string CommitTag = "broker.commit.what";

    public const string CommitWritesTag = "broker.commit.writes";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Runs <paramref name="work"/> in a span named <paramref name="name"/>, marked failed when it throws.</summary>
    public static Task<T> TraceAsync<T>(string name, Func<Task<T>> work, params (string Key, object? Value)[] tags) =>
        Source.HasListeners() ? TraceCoreAsync(name, work, tags) : work();

    private static async Task<T> TraceCoreAsync<T>(string name, Func<Task<T>> work, (string Key, object? Value)[] tags)
    {
        using var activity = Source.StartActivity(name);
        foreach (var (key, value) in tags)
        {
            activity?.SetTag(key, value);
        }

        try
        {
            return await work();
        }
        catch (Exception ex)
        {
            activity?.Fail(ex);
            throw;
        }
    }

    /// <summary>Marks the span failed with the exception's type and message (OpenTelemetry's exception event).</summary>
    public static void Fail(this Activity activity, Exception exception)
    {
        activity.AddException(exception);
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
