using Broker.KubeStandIn.Requests;

namespace Broker.KubeStandIn.Faults;

/// <summary>
/// Makes chosen requests fail with a chosen HTTP status and a real-looking Status body: transient ones (429 with
/// Retry-After, 500, 503, 504) for retry logic, permanent ones (403, 422) for error handling. Rules are checked in the
/// order they were armed; the first that matches and has failures left fires.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> rules = [];

    /// <summary>Fails the next <paramref name="count"/> requests that <paramref name="when"/> matches (all when null).</summary>
    public FaultRule FailNext(
        int count,
        int statusCode,
        Func<StandInRequest, bool>? when = null,
        string? message = null,
        FaultTiming timing = FaultTiming.BeforeHandling)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        var rule = new FaultRule(count, statusCode, when ?? (_ => true), message, timing);
        lock (rules)
        {
            rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Disarms every rule.</summary>
    public void Clear()
    {
        lock (rules)
        {
            rules.Clear();
        }
    }

    internal FaultRule? Take(StandInRequest request, FaultTiming timing)
    {
        lock (rules)
        {
            return rules.FirstOrDefault(r => r.Timing == timing && r.TryFire(request));
        }
    }
}
