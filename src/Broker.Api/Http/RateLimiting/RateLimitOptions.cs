namespace Broker.Api.Http.RateLimiting;

/// <summary>
/// Per-caller rate limits, bound from <c>Broker:RateLimits</c>: writes (POST, PUT, PATCH, DELETE) and expensive reads
/// (statements, exports, the capacity report) each have a token bucket per department and one per subject, and a
/// request needs a token from both. The defaults are generous: they stop a runaway script, not a busy person.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Broker:RateLimits";

    /// <summary>Off only for a benchmark of the broker itself; a deployment keeps it on.</summary>
    public bool Enabled { get; set; } = true;

    public RateLimitClass Writes { get; set; } = new()
    {
        Department = new RateLimitRule { Burst = 2000, TokensPerPeriod = 1000, Period = TimeSpan.FromSeconds(1) },
        Subject = new RateLimitRule { Burst = 1000, TokensPerPeriod = 500, Period = TimeSpan.FromSeconds(1) },
    };

    public RateLimitClass ExpensiveReads { get; set; } = new()
    {
        Department = new RateLimitRule { Burst = 1000, TokensPerPeriod = 100, Period = TimeSpan.FromSeconds(1) },
        Subject = new RateLimitRule { Burst = 500, TokensPerPeriod = 50, Period = TimeSpan.FromSeconds(1) },
    };
}

/// <summary>The two buckets of one class of requests.</summary>
public sealed class RateLimitClass
{
    /// <summary>Shared by everyone of one department (the token's department claim); staff without one skip it.</summary>
    public RateLimitRule Department { get; set; } = new();

    /// <summary>One caller (the token's subject).</summary>
    public RateLimitRule Subject { get; set; } = new();
}

/// <summary>A token bucket: up to <see cref="Burst"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed class RateLimitRule
{
    public int Burst { get; set; } = 100;

    public int TokensPerPeriod { get; set; } = 50;

    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}
