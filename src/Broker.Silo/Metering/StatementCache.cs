using System.Collections.Concurrent;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Metering;

/// <summary>
/// Open months' statements, kept while nothing they depend on changed (<see cref="StatementInputs"/>) and for at most
/// <see cref="MeteringOptions.OpenStatementMaxAge"/>, since usage of running resources accrues with time alone.
/// Callers asking for the same statement at the same time share one computation. The inputs must be read before the
/// computation starts: a change committed in between is then seen by the next read instead of being hidden by the cache.
/// </summary>
public sealed class StatementCache(BrokerClock clock, IOptions<MeteringOptions> options)
{
    private readonly ConcurrentDictionary<(string Period, string Department), Entry> _entries = new();

    /// <summary>Served from the cache so far; for tests and diagnostics.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    private long _hits;

    public async Task<IReadOnlyList<Statement>> GetOrComputeAsync(
        string period, string? department, StatementInputs inputs, Func<CancellationToken, Task<IReadOnlyList<Statement>>> compute,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.OpenStatementMaxAge <= TimeSpan.Zero)
        {
            return await compute(cancellationToken);
        }

        var now = clock.GetUtcNow();
        var key = (period, department ?? "");
        if (_entries.Count >= settings.OpenStatementCacheEntries && !_entries.ContainsKey(key))
        {
            _entries.Clear(); // crude but bounded: a full cache starts over rather than tracking recency
        }

        // The computation belongs to no single caller: one caller giving up must not fail the others waiting for it.
        var fresh = new Entry(inputs, now, new Lazy<Task<IReadOnlyList<Statement>>>(() => compute(CancellationToken.None)));
        var entry = _entries.AddOrUpdate(key, fresh, (_, old) => old.Serves(inputs, now, settings.OpenStatementMaxAge) ? old : fresh);
        if (!ReferenceEquals(entry, fresh))
        {
            Interlocked.Increment(ref _hits);
        }

        try
        {
            return await entry.Statements.Value.WaitAsync(cancellationToken);
        }
        catch when (entry.Statements.Value.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
            throw;
        }
    }

    private sealed record Entry(StatementInputs Inputs, DateTimeOffset ComputedAt, Lazy<Task<IReadOnlyList<Statement>>> Statements)
    {
        public bool Serves(StatementInputs inputs, DateTimeOffset now, TimeSpan maxAge) =>
            Inputs == inputs && now >= ComputedAt && now - ComputedAt < maxAge && !(Statements.IsValueCreated && Statements.Value.IsFaulted);
    }
}
