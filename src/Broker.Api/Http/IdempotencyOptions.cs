namespace Broker.Api.Http;

/// <summary>
/// How long an Idempotency-Key's stored answer is kept, bound from <c>Broker:Idempotency</c>. A retry within
/// <see cref="Window"/> gets the first answer; after it (and the next purge) the key is free again. Keys are kept at
/// least <see cref="Window"/> and at most <see cref="Window"/> plus <see cref="PurgeEvery"/>.
/// </summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Broker:Idempotency";

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement, so a purge after a long pause never holds one long transaction.</summary>
    public int PurgeBatch { get; set; } = 5000;

    /// <summary>
    /// How long a create waits for its key's stored answer, and for storing its own, before giving up: a lookup that
    /// takes longer answers 503 with Retry-After (the caller sends the same key again), a store that takes longer is
    /// skipped and the answer sent (the handlers are idempotent by the key, so a retry acts again harmlessly). Without
    /// it a caller waits out Npgsql's command timeout and its cancel request, three times the connection timeout when
    /// PostgreSQL does not answer at all (docs/reliability.md, database outage drill).
    /// </summary>
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
