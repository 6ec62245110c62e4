using Broker.KubeStandIn.Requests;

namespace Broker.KubeStandIn.Faults;

/// <summary>One armed fault: the next <see cref="Remaining"/> matching requests fail with <see cref="StatusCode"/>.</summary>
public sealed class FaultRule
{
    private readonly Func<StandInRequest, bool> matches;
    private int remaining;
    private int fired;

    internal FaultRule(int count, int statusCode, Func<StandInRequest, bool> matches, string? message, FaultTiming timing)
    {
        remaining = count;
        StatusCode = statusCode;
        Message = message;
        Timing = timing;
        this.matches = matches;
    }

    public int StatusCode { get; }

    public string? Message { get; }

    public FaultTiming Timing { get; }

    /// <summary>How many more matching requests will fail.</summary>
    public int Remaining => Volatile.Read(ref remaining);

    /// <summary>How many requests this rule has failed so far.</summary>
    public int Fired => Volatile.Read(ref fired);

    internal bool TryFire(StandInRequest request)
    {
        if (!matches(request))
        {
            return false;
        }

        while (true)
        {
            var left = Volatile.Read(ref remaining);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref remaining, left - 1, left) == left)
            {
                Interlocked.Increment(ref fired);
                return true;
            }
        }
    }
}
