using System.Collections.Concurrent;

namespace Broker.Drills.Tests.Load;

/// <summary>Every call the load made: when, what, how it ended and how long it took.</summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<Call> _calls = new();

    public sealed record Call(DateTimeOffset At, string Kind, int Status, double Milliseconds, string? Problem, string? RetryAfter)
    {
        /// <summary>0 is a call that got no answer (connection refused, timed out).</summary>
        public bool Succeeded => Status is >= 200 and < 300 || Status == 409;
    }

    public void Add(Call call) => _calls.Enqueue(call);

    public IReadOnlyList<Call> All => [.. _calls];

    /// <summary>The <paramref name="quantile"/> latency of successful calls, in milliseconds.</summary>
    public static double Percentile(IEnumerable<Call> calls, double quantile)
    {
        var sorted = calls.Where(c => c.Succeeded).Select(c => c.Milliseconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}
