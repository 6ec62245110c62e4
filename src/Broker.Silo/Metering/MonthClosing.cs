using Broker.Silo.Hosting;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// Finance's close of a month: only once the month has ended, only once, and only when every integrity finding has an
/// explanation. The statements frozen are exactly what the open month showed, adjustments included.
/// </summary>
public sealed class MonthClosing(StatementEngine engine, StatementStore store, IntegrityCheck integrity, BrokerClock clock)
{
    public async Task<CloseOutcome> CloseAsync(BillingMonth month, string actor, string correlationId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (month.End > now)
        {
            return new CloseOutcome("statement.period-not-ended", [], []);
        }

        if ((await store.ClosesAsync(cancellationToken)).ContainsKey(month.ToString()))
        {
            return new CloseOutcome("statement.already-closed", [], []);
        }

        var unexplained = (await integrity.FindAsync(month, cancellationToken)).Where(f => !f.Explained).ToList();
        if (unexplained.Count > 0)
        {
            return new CloseOutcome("statement.unexplained-findings", [], unexplained);
        }

        try
        {
            var frozen = await store.CloseAsync(month, actor, correlationId, now,
                ct => engine.ComputeAsync(month, null, adjustments: true, om: true, ct), cancellationToken);
            return new CloseOutcome(null, frozen, []);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new CloseOutcome("statement.already-closed", [], []); // another finance user closed it a moment earlier
        }
    }
}
